/**
 * Why the guard refused a request (401). Each reason is stable: tests, log lines and dashboards refer to
 * it by name, so renaming one is a breaking change.
 *
 * - `missing_token`: no `Authorization: Bearer` credentials (RFC 6750 §3.1: challenge without error code)
 * - `malformed_token`: not a compact JWS of canonical base64url parts with a JSON header and payload,
 *   longer than 8 KiB, or a header with `crit` (RFC 7515 §4.1.11)
 * - `unsupported_algorithm`: header `alg` is not RS256 (`none` and HS256 included; RFC 8725 §3.1)
 * - `wrong_type`: header `typ` is not `at+jwt` (RFC 9068 §4, RFC 8725 §3.11)
 * - `missing_kid`: header names no key (`kid`); `jku`, `x5u`, `jwk` and `x5c` are never followed
 * - `unknown_key`: no published key has that `kid`, even after a (rate-limited) refetch
 * - `bad_signature`: the signature does not verify against the key named by `kid`
 * - `wrong_issuer`: `iss` missing or not the configured issuer (RFC 9068 §4)
 * - `wrong_audience`: `aud` missing or naming none of this service's audiences (RFC 9068 §4)
 * - `expired`: `exp` passed, beyond the clock tolerance (RFC 7519 §4.1.4)
 * - `not_yet_valid`: `nbf` or `iat` in the future, beyond the clock tolerance (RFC 7519 §4.1.5, §4.1.6)
 * - `missing_claim`: a claim RFC 9068 §2.2 requires (`sub`, `exp`, `iat`, `jti`, `client_id`) is absent
 * - `invalid_claim`: a claim has the wrong type (`exp`, `nbf`, `iat` not a finite, non-negative
 *   number), or `roles` names an unknown role; an application's token (`sub` = `client_id`) without
 *   a `scope`, or with a person's claims (`email`, `email_verified`, `name`, `roles`)
 * - `application_token_in_cookie`: an application's token in the token cookie, which only a
 *   browser of a person sends; applications use the `Authorization` header
 * - `inactive_token`: auth's introspection endpoint answered `active: false` (revoked, expired,
 *   unknown, or not for this service; RFC 7662 §2.2 says no more)
 * - `keys_unavailable`: no signing keys were ever obtained (auth unreachable since boot)
 * - `missing_session`: a route that takes only the session cookie got none
 * - `unknown_session`: the session cookie names no live session in this service's store (never
 *   created there, logged out, expired, or a signature that does not verify)
 */
export type TokenRejectionReason =
  | 'missing_token'
  | 'malformed_token'
  | 'unsupported_algorithm'
  | 'wrong_type'
  | 'missing_kid'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_claim'
  | 'invalid_claim'
  | 'application_token_in_cookie'
  | 'inactive_token'
  | 'keys_unavailable'
  | 'missing_session'
  | 'unknown_session';

/**
 * The human text for each reason: the 401 body's `message` and the challenge's `error_description`.
 * RFC 6750 §3 allows no `"` or `\` in it.
 */
export const REJECTION_DESCRIPTIONS: Readonly<Record<TokenRejectionReason, string>> = {
  missing_token: 'Access token missing: send it as Authorization: Bearer <token>',
  malformed_token: 'Access token is malformed',
  unsupported_algorithm: 'Access token algorithm is not RS256',
  wrong_type: 'Access token type is not at+jwt',
  missing_kid: 'Access token names no signing key (kid)',
  unknown_key: 'Access token is signed with an unknown key',
  bad_signature: 'Access token signature is invalid',
  wrong_issuer: 'Access token issuer is not trusted',
  wrong_audience: 'Access token audience does not include this service',
  expired: 'Access token expired',
  not_yet_valid: 'Access token is not valid yet',
  missing_claim: 'Access token lacks a required claim',
  invalid_claim: 'Access token has an invalid claim',
  application_token_in_cookie: 'Application tokens are accepted in the Authorization header only',
  inactive_token: 'Access token is not active',
  keys_unavailable: 'Signing keys are unavailable, try again later',
  missing_session: 'Session cookie missing: log in at auth with POST /auth/session/login',
  unknown_session: 'Session cookie names no live session on this server',
};

/** Reasons about a session cookie rather than a token: their challenge carries no RFC 6750 error code. */
export const SESSION_REJECTIONS: ReadonlySet<TokenRejectionReason> = new Set(['missing_session', 'unknown_session']);

/** A token refused for a named reason; `message` is human text that may name the claim at fault. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';

  constructor(
    readonly reason: TokenRejectionReason,
    detail?: string,
    options?: ErrorOptions,
  ) {
    super(detail ? `${REJECTION_DESCRIPTIONS[reason]}: ${detail}` : REJECTION_DESCRIPTIONS[reason], options);
  }
}
