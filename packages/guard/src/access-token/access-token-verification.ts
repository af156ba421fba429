import type { Request } from 'express';
import type { Jwt, JwtPayload, VerifyOptions } from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import type { JwtFromRequestFunction, StrategyOptionsWithRequest } from 'passport-jwt';
import type { CredentialKind } from '../authenticated-user.js';
import type { VerificationKeySource } from '../keys/verification-key-source.js';
import type { Principal } from '../principal.js';
import { TokenRejectedError } from '../rejections/token-rejection.js';
import type { SsoGuardSettings } from '../sso-guard.options.js';
import { principalFromClaims } from './access-token-claims.js';
import { ACCESS_TOKEN_ALGORITHM, assertAccessTokenType, keyIdOf } from './access-token-header.js';
import { assertTimestamps } from './access-token-timestamps.js';
import type { VerifiedCaller } from './verified-token-cache.js';

/** What verifying an access token reads from a service's settings: whose tokens, for whom, with which keys and leeway. */
export type AccessTokenVerificationSettings = Pick<SsoGuardSettings, 'issuer' | 'audience' | 'keySource' | 'clockToleranceSeconds'>;

/** jsonwebtoken's options for an access token; see {@link accessTokenVerifyOptions}. */
export interface AccessTokenVerifyOptions extends VerifyOptions {
  algorithms: [typeof ACCESS_TOKEN_ALGORITHM];
  issuer: string;
  audience: [string, ...string[]];
  complete: true;
}

/**
 * The one place the options handed to jsonwebtoken are written, for passport-jwt's path and for
 * `verifyAccessToken` alike, so that the two cannot come to disagree: RS256 only, the exact
 * `iss`, an `aud` naming at least one of the audiences, `exp` and `nbf` with the clock tolerance,
 * and `complete`, so the verified header comes back too, for the `typ` check.
 */
export function accessTokenVerifyOptions(settings: AccessTokenVerificationSettings): AccessTokenVerifyOptions {
  return {
    algorithms: [ACCESS_TOKEN_ALGORITHM],
    issuer: settings.issuer,
    // @types/jsonwebtoken asks for a non-empty list; an empty one would simply match no token.
    audience: settings.audience as [string, ...string[]],
    complete: true,
    clockTolerance: settings.clockToleranceSeconds,
  };
}

/**
 * passport-jwt's options for verifying an RS256 access token (RFC 9068), wherever the request
 * carries it. Before verification the header must pin RS256 and name a `kid`, found in the
 * configured key source; jsonwebtoken then checks what {@link accessTokenVerifyOptions} says.
 * Built once per strategy, so a request never reads options.
 */
export function accessTokenVerification(settings: SsoGuardSettings, jwtFromRequest: JwtFromRequestFunction): StrategyOptionsWithRequest {
  const keys = settings.keySource;
  // passport-jwt writes its own `algorithms`, `issuer` and `audience` over those of
  // `jsonWebTokenOptions`, even when they are undefined, so these three go beside it.
  const { algorithms, issuer, audience, ...jsonWebTokenOptions } = accessTokenVerifyOptions(settings);
  return {
    jwtFromRequest,
    secretOrKeyProvider: (_request: Request, token: string, done: (error: unknown, key?: string | Buffer) => void) => {
      // A KeyObject, so jsonwebtoken never parses key material per request; it accepts one,
      // though @types/passport-jwt only lists string | Buffer.
      verificationKeyFor(token, keys).then((key) => done(null, key as unknown as Buffer), done);
    },
    algorithms,
    issuer,
    audience,
    jsonWebTokenOptions,
    passReqToCallback: true,
  };
}

/**
 * After the signature verified: `typ` (RFC 9068 §4), the timestamps jsonwebtoken leaves unchecked,
 * and the required claims, then the caller.
 */
export function principalFromVerifiedToken(token: Jwt, via: CredentialKind, settings: Pick<SsoGuardSettings, 'clockToleranceSeconds'>): Principal {
  assertAccessTokenType(token.header);
  const claims = token.payload as JwtPayload;
  assertTimestamps(claims, settings.clockToleranceSeconds);
  return principalFromClaims(claims, via);
}

/**
 * The caller a verified token states, as it arrived by `via`. An application's token is taken from
 * the `Authorization` header only (`application_token_in_cookie`): the token cookie is what auth
 * sets in a person's browser, and a cookie-authenticated request is one a browser may send by itself.
 */
export function arrivedVia(caller: VerifiedCaller, via: CredentialKind): Principal {
  if (caller.kind === 'user') return { ...caller, via };
  if (via !== 'bearer') throw new TokenRejectedError('application_token_in_cookie');
  return { ...caller, via };
}

/** The public key named by the token's `kid`; a failing key source means `keys_unavailable`. */
export async function verificationKeyFor(token: string, keys: VerificationKeySource): Promise<KeyObject> {
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
