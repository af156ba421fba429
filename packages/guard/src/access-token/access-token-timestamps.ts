import type { JwtPayload } from 'jsonwebtoken';
import { TokenRejectedError } from '../rejections/token-rejection.js';

const TIMESTAMP_CLAIMS = ['exp', 'nbf', 'iat'] as const;

/**
 * What jsonwebtoken leaves unchecked in a verified token's timestamps: each of `exp`, `nbf` and
 * `iat` present must be a NumericDate (RFC 7519 §2: seconds since the epoch), finite and not
 * negative (`invalid_claim`: JSON's `1e400` parses as Infinity, an `exp` that never comes); and
 * `iat` may not lie in the future beyond the clock tolerance (`not_yet_valid`: a token cannot have
 * been issued later than now, RFC 7519 §4.1.6; mostly a sign that auth's clock runs ahead).
 */
export function assertTimestamps(claims: JwtPayload, clockToleranceSeconds: number, nowSeconds = Date.now() / 1000): void {
  for (const claim of TIMESTAMP_CLAIMS) {
    const value: unknown = claims[claim];
    if (value !== undefined && !isNumericDate(value)) throw new TokenRejectedError('invalid_claim', claim);
  }
  if (claims.iat !== undefined && claims.iat > nowSeconds + clockToleranceSeconds) throw new TokenRejectedError('not_yet_valid', 'iat');
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
