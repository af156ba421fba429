import type { IncomingMessage } from 'node:http';

/** RFC 9110 §9.2.1: the methods that change nothing, and so need no CSRF defence. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The parts of an express request the check reads; `protocol` honours express's `trust proxy`. */
export type OriginCheckedRequest = Pick<IncomingMessage, 'method' | 'headers'> & { protocol?: string };

/**
 * The `Origin` of a state-changing request that comes from neither the request's own origin (the
 * scheme and `Host` it was sent to) nor one of `allowedOrigins`, or undefined when it may proceed.
 * A browser sends the cookies of the target on a cross-site request; `Origin` (RFC 6454 §7) is
 * how the target tells it did not come from its own pages (OWASP CSRF cheat sheet, "Verifying
 * origin with standard headers"). A request without `Origin` is not from a browser form or script
 * of another site, so it passes; the opaque origin `null` does not.
 */
export function foreignOriginOf(request: OriginCheckedRequest, allowedOrigins: ReadonlySet<string>): string | undefined {
  if (SAFE_METHODS.has(request.method ?? 'GET')) return undefined;
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  if (allowedOrigins.has(origin)) return undefined;
  const host = request.headers.host;
  if (host !== undefined && origin.toLowerCase() === `${request.protocol ?? 'http'}://${host}`.toLowerCase()) return undefined;
  return origin;
}

/** The 403 message for a refused cross-origin request. */
export function crossOriginRefusal(origin: string): string {
  return `Cross-origin request refused: a cookie-authenticated request from origin ${JSON.stringify(origin)} may not change state`;
}
