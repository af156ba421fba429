import type { JwtPayload } from 'jsonwebtoken';
import { type AuthenticatedUser, ROLES, type Role } from '../authenticated-user.js';
import { TokenRejectedError } from '../rejections/token-rejection.js';

/** RFC 9068 §2.2: claims every access token carries. `iss` and `aud` are also compared by jsonwebtoken. */
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id'] as const;

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/**
 * Turns the claims of a token whose signature, issuer, audience and timestamps already verified into
 * the caller: refuses a token lacking a claim RFC 9068 §2.2 requires (`missing_claim`), or whose
 * identity claims (`sub`, `jti`, `client_id`, `email`, `email_verified`, `name`, `roles`, `scope`) have the
 * wrong type or name an unknown role (`invalid_claim`). Error details name the claim, never its value.
 */
export function userFromClaims(claims: JwtPayload, via: AuthenticatedUser['via']): AuthenticatedUser {
  for (const claim of REQUIRED_CLAIMS) {
    if (claims[claim] === undefined) throw new TokenRejectedError('missing_claim', claim);
  }
  return {
    id: textClaim(claims, 'sub'),
    email: textClaim(claims, 'email'),
    emailVerified: emailVerifiedClaim(claims.email_verified),
    name: textClaim(claims, 'name'),
    roles: rolesClaim(claims.roles),
    via,
    token: {
      clientId: textClaim(claims, 'client_id'),
      scope: scopeClaim(claims.scope),
      tokenId: textClaim(claims, 'jti'),
      expiresAt: new Date(claims.exp! * 1000),
    },
  };
}

function textClaim(claims: JwtPayload, claim: string): string {
  const value: unknown = claims[claim];
  if (typeof value !== 'string' || value === '') throw new TokenRejectedError('invalid_claim', claim);
  return value;
}

function rolesClaim(value: unknown): Role[] {
  if (!Array.isArray(value) || !value.every((role) => KNOWN_ROLES.has(role))) {
    throw new TokenRejectedError('invalid_claim', 'roles');
  }
  return value as Role[];
}

/** OpenID Connect Core §5.1: a boolean; an address nobody vouched for is not verified. */
function emailVerifiedClaim(value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new TokenRejectedError('invalid_claim', 'email_verified');
  return value;
}

/** RFC 9068 §2.2.3 and RFC 8693 §4.2: `scope` is one space-separated string. */
function scopeClaim(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') throw new TokenRejectedError('invalid_claim', 'scope');
  return value.split(' ').filter(Boolean);
}
