import { BENCH_BASELINE_PATH } from '@sso/bootstrap';
import type { CaseId } from './bench-report.js';
import type { BenchStack } from './bench-stack.js';
import type { LoadTarget } from './run-load.js';

export interface LoadCase {
  id: CaseId;
  label: string;
  /** Where it is sent; undefined when the case cannot run here, with the reason in `unavailable`. */
  target?: LoadTarget;
  unavailable?: string;
}

/** The cases of issue 10, on one resource service (shop), in the table's order. */
export function loadCases(stack: BenchStack): LoadCase[] {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return [
    { id: 'health', label: 'bare Express /health', target: { url: `${stack.shop}/health`, expectedStatus: 200 } },
    { id: 'baseline', label: 'Nest baseline (public route)', target: { url: `${stack.shop}${BENCH_BASELINE_PATH}`, expectedStatus: 200 } },
    {
      id: 'me-uncached',
      label: 'GET /me, token, cache off',
      target: { url: `${stack.shopUncached}/me`, headers: bearer(stack.accessToken), expectedStatus: 200 },
    },
    { id: 'me-cached', label: 'GET /me, token, cache on', target: { url: `${stack.shop}/me`, headers: bearer(stack.accessToken), expectedStatus: 200 } },
    {
      id: 'session',
      label: 'GET /session/me, shared store',
      target: { url: `${stack.shop}/session/me`, headers: { cookie: stack.sessionCookie }, expectedStatus: 200 },
    },
    {
      id: 'introspection',
      label: 'GET /me, token introspection',
      ...('url' in stack.shopIntrospection
        ? { target: { url: `${stack.shopIntrospection.url}/me`, headers: bearer(stack.accessToken), expectedStatus: 200 } }
        : { unavailable: stack.shopIntrospection.unavailable }),
    },
    {
      id: 'tampered',
      label: 'tampered token, refused',
      target: { url: `${stack.shop}/me`, headers: bearer(tampered(stack.accessToken)), expectedStatus: 401 },
    },
  ];
}

/** The token with one character of its signature changed: what an attacker's guess costs the service. */
export function tampered(token: string): string {
  const at = token.lastIndexOf('.') + 10;
  const replacement = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}
