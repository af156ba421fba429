import type { Principal } from '../principal.js';
import { ACCESS_REFUSAL_DESCRIPTIONS, type AccessRefusal } from '../rejections/access-refusal.js';

/** What a route asks of an authenticated caller, from its `@Scopes` and `@AllowApplications`. */
export interface RouteAccess {
  /** Scopes the token must all carry; empty when the route names none. */
  scopes: string[];
  /** Whether an application's token may call it: a route with scopes, or marked `@AllowApplications()`. */
  admitsApplications: boolean;
}

/**
 * Why `principal` may not call a route asking for `access`, or undefined when it may. An
 * application is admitted only where the route says so, so that a route written for people (one
 * that reads `@CurrentUser()`) never meets one. Then every scope the route names must be in the
 * token's `scope` (RFC 6750 §3.1 `insufficient_scope`), for users and applications alike; a
 * session carries no token, hence no scopes.
 */
export function accessRefusalOf(principal: Principal, access: RouteAccess): AccessRefusal | undefined {
  if (principal.kind === 'client' && !access.admitsApplications) {
    return { reason: 'application_not_admitted', message: ACCESS_REFUSAL_DESCRIPTIONS.application_not_admitted };
  }
  if (access.scopes.length === 0) return undefined;
  const granted = principal.token?.scope ?? [];
  const missing = access.scopes.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return undefined;
  return { reason: 'insufficient_scope', message: `${ACCESS_REFUSAL_DESCRIPTIONS.insufficient_scope}: ${missing.join(' ')}` };
}
