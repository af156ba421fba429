import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Strategy } from 'passport-jwt';
import { assertAccessTokenType, toAuthenticatedUser } from './access-token-claims.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { bearerToken } from './bearer-token.js';
import { type ResolvedSsoGuardOptions, SSO_GUARD_OPTIONS } from './sso-guard.options.js';
import { TokenRejectedError } from './token-rejection.js';
import { VERIFICATION_KEY_SOURCE, type VerificationKeySource } from './verification-key-source.js';

/** The passport strategy name of Bearer access tokens; other ways to authenticate sit beside it. */
export const BEARER_JWT_STRATEGY = 'bearer-jwt';

/** The only algorithm accepted: pinned, never read from the token (RFC 8725 §3.1). */
const ALGORITHM = 'RS256';

/**
 * Verifies `Authorization: Bearer` access tokens with passport-jwt: RS256 only, against a key found
 * by `kid` in auth's published keys, with `iss`, `aud`, `exp` and `nbf` checked by jsonwebtoken
 * and the RFC 9068 profile (`typ`, required claims) checked here.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, BEARER_JWT_STRATEGY) {
  constructor(
    @Inject(SSO_GUARD_OPTIONS) options: ResolvedSsoGuardOptions,
    @Inject(VERIFICATION_KEY_SOURCE) keys: VerificationKeySource,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // jsonwebtoken verifies with a KeyObject directly (no PEM parsing per request); the
      // passport-jwt typings only list strings and buffers, hence the cast.
      secretOrKeyProvider: (_request: IncomingMessage, token: string, done: (error: unknown, key?: string) => void) => {
        verificationKey(keys, token).then((key) => done(null, key as unknown as string), done);
      },
      algorithms: [ALGORITHM],
      issuer: options.issuer,
      audience: options.audience,
      jsonWebTokenOptions: { clockTolerance: options.clockToleranceSeconds },
    });
  }

  validate(payload: unknown): AuthenticatedUser {
    return toAuthenticatedUser(payload);
  }
}

/**
 * Picks the key for a token from its header: only `kid` is read, to look the key up among those
 * the service trusts. `jku`, `x5u`, `jwk` and `x5c` are ignored (RFC 8725 §3.10), and a token whose
 * `alg` is not the pinned one is refused before any key is used (no `none`, no HS256 keyed with
 * the public key).
 */
async function verificationKey(keys: VerificationKeySource, token: string): Promise<KeyObject> {
  const header = decodeHeader(token);
  if (header.alg !== ALGORITHM) throw new TokenRejectedError('unsupported_algorithm');
  assertAccessTokenType(header.typ);
  if (typeof header.kid !== 'string' || header.kid.length === 0) throw new TokenRejectedError('missing_kid');
  const key = await keys.getKey(header.kid);
  if (!key) throw new TokenRejectedError('unknown_key');
  return key;
}

function decodeHeader(token: string): Record<string, unknown> {
  const dot = token.indexOf('.');
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    if (dot > 0 && typeof header === 'object' && header !== null) return header as Record<string, unknown>;
  } catch {
    // falls through to the rejection below
  }
  throw new TokenRejectedError('malformed_token');
}
