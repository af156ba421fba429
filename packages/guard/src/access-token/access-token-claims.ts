import type { JwtPayload } from 'jsonwebtoken';
import { type AccessTokenDetails, type AuthenticatedUser, ROLES, type Role } from '../authenticated-user.js';
import type { AuthenticatedClient, Principal } from '../principal.js';
import { TokenRejectedError } from '../rejections/token-rejection.js';

/** RFC 9068 §2.2: claims every access token carries. `iss` and `aud` are also compared by jsonwebtoken. */
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id'] as const;

/** Claims that describe a person: an application's token carrying any of them is refused. */
const USER_CLAIMS = ['email', 'email_verified', 'name', 'roles'] as const;

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/**
 * Turns the claims of a token whose signature, issuer, audience and timestamps already verified into
 * the caller: refuses a token lacking a claim RFC 9068 §2.2 requires (`missing_claim`), or whose
 * identity claims have the wrong type or name an unknown role (`invalid_claim`). A token whose `sub`
 * is its `client_id` is an application's (RFC 9068 §2.2: for client credentials the subject is the
 * client); see {@link clientFromClaims}. Every other token is a person's: `email`, `name`, `roles`
 * are required, `email_verified` and `scope` optional. Error details name the claim, never its value.
 */
export function principalFromClaims(claims: JwtPayload, via: AuthenticatedUser['via']): Principal {
  for (const claim of REQUIRED_CLAIMS) {
    if (claims[claim] === undefined) throw new TokenRejectedError('missing_claim', claim);
  }
  const id = textClaim(claims, 'sub');
  const token: AccessTokenDetails = {
    clientId: textClaim(claims, 'client_id'),
    scope: scopeClaim(claims.scope),
    tokenId: textClaim(claims, 'jti'),
    expiresAt: new Date(claims.exp! * 1000),
  };
  if (id === token.clientId) return clientFromClaims(claims, token);
  return {
    kind: 'user',
    id,
    email: textClaim(claims, 'email'),
    emailVerified: emailVerifiedClaim(claims.email_verified),
    name: textClaim(claims, 'name'),
    roles: rolesClaim(claims.roles),
    via,
    token,
  };
}

/**
 * An application's token (client credentials, RFC 6749 §4.4): it must say what it may do, a
 * non-empty `scope` (`missing_claim`, `invalid_claim`), and must not describe a person: any of
 * `email`, `email_verified`, `name` or `roles` is `invalid_claim`, so that a token can never be an
 * application's and a user's at once. The way in is checked by the strategy (Bearer header only).
 */
function clientFromClaims(claims: JwtPayload, token: AccessTokenDetails): AuthenticatedClient {
  if (claims.scope === undefined) throw new TokenRejectedError('missing_claim', 'scope');
  if (token.scope.length === 0) throw new TokenRejectedError('invalid_claim', 'scope');
  const userClaim = USER_CLAIMS.find((claim) => claims[claim] !== undefined);
  if (userClaim !== undefined) throw new TokenRejectedError('invalid_claim', `${userClaim} in an application token`);
  return { kind: 'client', id: token.clientId, scope: token.scope, via: 'bearer', token };
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
