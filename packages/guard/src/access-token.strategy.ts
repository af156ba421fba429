import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { Jwt, JwtPayload } from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ACCESS_TOKEN_ALGORITHM, assertAccessTokenType, keyIdOf } from './access-token-header.js';
import { userFromClaims } from './access-token-claims.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from './sso-guard.options.js';
import { TokenRejectedError } from './token-rejection.js';
import type { VerificationKeySource } from './verification-key-source.js';

/** The passport name of the `Authorization: Bearer <access token>` strategy. */
export const BEARER_JWT_STRATEGY = 'bearer-jwt';

/**
 * passport-jwt's extractor compares the scheme case-insensitively, as RFC 9110 §11.1 requires
 * (`bearer` and `BEARER` work); no header, or another scheme, counts as no token at all.
 */
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Verifies an RS256 access token (RFC 9068) from the `Authorization: Bearer` header. Before
 * verification the header must pin RS256 and name a `kid`, found in the configured key source;
 * jsonwebtoken then checks the signature, `iss`, `aud`, `exp` and `nbf` (with the clock
 * tolerance); finally `typ` and the required claims are checked and the caller is built.
 * Constructed once per application, so a request never builds a strategy or reads options.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, BEARER_JWT_STRATEGY) {
  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    const keys = settings.keySource;
    super({
      jwtFromRequest: bearerToken,
      secretOrKeyProvider: (_request: Request, token: string, done: (error: unknown, key?: string | Buffer) => void) => {
        // A KeyObject, so jsonwebtoken never parses key material per request; it accepts one,
        // though @types/passport-jwt only lists string | Buffer.
        verificationKeyFor(token, keys).then((key) => done(null, key as unknown as Buffer), done);
      },
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      // `complete` hands validate() the verified header too, for the `typ` check.
      jsonWebTokenOptions: { complete: true, clockTolerance: settings.clockToleranceSeconds },
    });
  }

  validate(token: Jwt): AuthenticatedUser {
    assertAccessTokenType(token.header);
    return userFromClaims(token.payload as JwtPayload);
  }
}

/** The public key named by the token's `kid`; a failing key source means `keys_unavailable`. */
async function verificationKeyFor(token: string, keys: VerificationKeySource): Promise<KeyObject> {
  const kid = keyIdOf(token);
  let key: KeyObject | undefined;
  try {
    key = await keys.getKey(kid);
  } catch (cause) {
    throw new TokenRejectedError('keys_unavailable', undefined, { cause });
  }
  if (!key) throw new TokenRejectedError('unknown_key');
  return key;
}
