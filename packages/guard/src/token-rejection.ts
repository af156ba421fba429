/**
 * Every way an access token can be refused. Each is a stable code that tests assert and logs
 * record, and that the `WWW-Authenticate` challenge describes in words.
 */
export type TokenRejectionReason =
  | 'missing_token'
  | 'malformed_token'
  | 'unsupported_algorithm'
  | 'wrong_type'
  | 'missing_kid'
  | 'unknown_key'
  | 'keys_unavailable'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_claim'
  | 'invalid_claim';

/** What a client is told for each reason (RFC 6750 §3 `error_description`). */
export const REJECTION_DESCRIPTIONS: Readonly<Record<TokenRejectionReason, string>> = {
  missing_token: 'An access token is required',
  malformed_token: 'The access token is malformed',
  unsupported_algorithm: 'The access token is signed with an algorithm that is not accepted',
  wrong_type: 'The token type (typ) is not at+jwt',
  missing_kid: 'The access token names no key (kid)',
  unknown_key: 'The access token is signed with an unknown key',
  keys_unavailable: 'The signing keys could not be loaded',
  bad_signature: 'The access token signature is invalid',
  wrong_issuer: 'The access token issuer is not trusted',
  wrong_audience: 'The access token audience does not include this service',
  expired: 'The access token expired',
  not_yet_valid: 'The access token is not valid yet',
  missing_claim: 'The access token lacks a required claim',
  invalid_claim: 'The access token has an invalid claim',
};

/** A refusal with its reason; `detail` adds what exactly (a claim name), never the token. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';

  constructor(
    readonly reason: TokenRejectionReason,
    readonly detail?: string,
  ) {
    super(detail ? `${REJECTION_DESCRIPTIONS[reason]}: ${detail}` : REJECTION_DESCRIPTIONS[reason]);
  }
}

/**
 * Names the reason behind whatever passport-jwt reported: our own {@link TokenRejectedError}, or
 * one of jsonwebtoken's errors, which carry their reason only in the message.
 */
export function toTokenRejection(failure: unknown): TokenRejectedError {
  if (failure instanceof TokenRejectedError) return failure;
  if (!(failure instanceof Error)) return new TokenRejectedError('missing_token');
  if (failure.name === 'TokenExpiredError') return new TokenRejectedError('expired');
  if (failure.name === 'NotBeforeError') return new TokenRejectedError('not_yet_valid');
  const message = failure.message;
  if (message === 'No auth token') return new TokenRejectedError('missing_token');
  if (message === 'invalid signature') return new TokenRejectedError('bad_signature');
  if (message.startsWith('jwt audience invalid')) return new TokenRejectedError('wrong_audience');
  if (message.startsWith('jwt issuer invalid')) return new TokenRejectedError('wrong_issuer');
  if (message === 'invalid algorithm' || message.startsWith('jwt signature is required')) {
    return new TokenRejectedError('unsupported_algorithm');
  }
  return new TokenRejectedError('malformed_token');
}
