import { type AuthenticatedUser, type Role, ROLES } from './authenticated-user.js';
import { TokenRejectedError } from './token-rejection.js';

/** RFC 9068 §2.2: claims every access token must carry. */
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id'] as const;

/** RFC 9068 §4: `typ` must be `at+jwt`; the `application/` prefix may be present (RFC 7515 §4.1.9). */
const ACCESS_TOKEN_TYPE = /^(application\/)?at\+jwt$/i;

/** Refuses a header whose `typ` does not mark an access token, so an ID token cannot pass as one. */
export function assertAccessTokenType(typ: unknown): void {
  if (typeof typ !== 'string' || !ACCESS_TOKEN_TYPE.test(typ)) throw new TokenRejectedError('wrong_type');
}

/**
 * Checks what jsonwebtoken does not: that every claim RFC 9068 requires is present, and that the
 * identity claims have the shape the services rely on. Signature, `iss`, `aud`, `exp` and `nbf`
 * were verified before this runs.
 */
export function toAuthenticatedUser(payload: unknown): AuthenticatedUser {
  if (typeof payload !== 'object' || payload === null) throw new TokenRejectedError('malformed_token');
  const claims = payload as Record<string, unknown>;
  for (const claim of REQUIRED_CLAIMS) {
    if (claims[claim] === undefined) throw new TokenRejectedError('missing_claim', claim);
  }
  return {
    id: text(claims, 'sub'),
    email: text(claims, 'email'),
    name: text(claims, 'name'),
    roles: roles(claims.roles),
    clientId: text(claims, 'client_id'),
    scope: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
    tokenId: text(claims, 'jti'),
    expiresAt: new Date(number(claims, 'exp') * 1000),
  };
}

function text(claims: Record<string, unknown>, claim: string): string {
  const value = claims[claim];
  if (typeof value !== 'string' || value.length === 0) throw new TokenRejectedError('invalid_claim', claim);
  return value;
}

function number(claims: Record<string, unknown>, claim: string): number {
  const value = claims[claim];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TokenRejectedError('invalid_claim', claim);
  return value;
}

function roles(value: unknown): Role[] {
  if (!Array.isArray(value) || !value.every((role) => (ROLES as readonly unknown[]).includes(role))) {
    throw new TokenRejectedError('invalid_claim', 'roles');
  }
  return value as Role[];
}
