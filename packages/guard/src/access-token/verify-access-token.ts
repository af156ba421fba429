import jwt, { type Jwt, type JwtPayload } from 'jsonwebtoken';
import type { Principal } from '../principal.js';
import { rejectionReasonOf } from '../rejections/rejection-reason.js';
import { TokenRejectedError } from '../rejections/token-rejection.js';
import { type AccessTokenVerificationSettings, accessTokenVerifyOptions, principalFromVerifiedToken, verificationKeyFor } from './access-token-verification.js';

/**
 * The claims of an access token that verified: every claim RFC 9068 §2.2 requires is present,
 * `iss` is the issuer and `aud` names one of the audiences; any other claim as the token states it.
 */
export type VerifiedClaims = JwtPayload & Required<Pick<JwtPayload, 'iss' | 'sub' | 'aud' | 'exp' | 'iat' | 'jti'>> & { client_id: string };

/** An access token that verified: the caller it states, and the claims it was read from. */
export interface VerifiedAccessToken {
  principal: Principal;
  claims: VerifiedClaims;
}

/**
 * Verifies an access token handed over on its own rather than in a request (auth's introspection
 * endpoint, RFC 7662), by exactly the rules the guard applies to a Bearer token, without passport:
 * the header (see `keyIdOf`), the key named by `kid`, jsonwebtoken with the options passport-jwt
 * gets (see {@link accessTokenVerifyOptions}: an `aud` naming any one of `settings.audience`
 * passes), then `typ`, the timestamps and the claims. A refused token is a {@link TokenRejectedError}
 * with the reason the guard would have given.
 */
export async function verifyAccessToken(token: string, settings: AccessTokenVerificationSettings): Promise<VerifiedAccessToken> {
  const key = await verificationKeyFor(token, settings.keySource);
  let verified: Jwt;
  try {
    verified = jwt.verify(token, key, accessTokenVerifyOptions(settings));
  } catch (cause) {
    throw new TokenRejectedError(rejectionReasonOf(cause), undefined, { cause });
  }
  const principal = principalFromVerifiedToken(verified, 'bearer', settings);
  return { principal, claims: verified.payload as VerifiedClaims };
}
