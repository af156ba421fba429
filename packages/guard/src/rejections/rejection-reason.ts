import jwt from 'jsonwebtoken';
import { TokenRejectedError, type TokenRejectionReason } from './token-rejection.js';

/** jsonwebtoken 9's JsonWebTokenError messages (verify.js), by the reason each one means. */
const JSONWEBTOKEN_MESSAGES: ReadonlyArray<[prefix: string, reason: TokenRejectionReason]> = [
  ['invalid signature', 'bad_signature'],
  ['jwt signature is required', 'bad_signature'],
  ['invalid algorithm', 'unsupported_algorithm'],
  ['jwt issuer invalid', 'wrong_issuer'],
  ['jwt audience invalid', 'wrong_audience'],
  ['invalid exp value', 'invalid_claim'],
  ['invalid nbf value', 'invalid_claim'],
];

/**
 * Names what a strategy reported when it refused a request: our own {@link TokenRejectedError} or
 * one of jsonwebtoken's errors. Anything else (passport-jwt's plain "No auth token" error, or a
 * strategy failing with no reason) means the request carried no credentials of that kind.
 */
export function rejectionReasonOf(failure: unknown): TokenRejectionReason {
  if (failure instanceof TokenRejectedError) return failure.reason;
  if (failure instanceof jwt.TokenExpiredError) return 'expired';
  if (failure instanceof jwt.NotBeforeError) return 'not_yet_valid';
  if (failure instanceof jwt.JsonWebTokenError) {
    const known = JSONWEBTOKEN_MESSAGES.find(([prefix]) => failure.message.startsWith(prefix));
    return known ? known[1] : 'malformed_token';
  }
  return 'missing_token';
}
