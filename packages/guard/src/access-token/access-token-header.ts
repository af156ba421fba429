import type { JwtHeader } from 'jsonwebtoken';
import { TokenRejectedError } from '../rejections/token-rejection.js';
import { joseHeaderOf } from './compact-jws.js';

/** The one algorithm auth signs with. Pinned: the header's `alg` never chooses (RFC 8725 §3.1). */
export const ACCESS_TOKEN_ALGORITHM = 'RS256';

/** RFC 9068 §4: `typ` is `at+jwt`; the `application/` prefix may be present (RFC 7515 §4.1.9), any case. */
const ACCESS_TOKEN_TYPES: ReadonlySet<string> = new Set(['at+jwt', 'application/at+jwt']);

/**
 * Reads the key id from a token's JOSE header before anything is verified, refusing a token that
 * is not a well-formed compact JWS (see {@link joseHeaderOf}) or demands extensions (`crit`)
 * (`malformed_token`), is not RS256 (`unsupported_algorithm`: `none` in any case, and HS256 keyed
 * with our public key, die here; RFC 8725 §2.1, §3.1) or names no `kid` (`missing_kid`).
 * `jku`, `x5u`, `jwk` and `x5c` are ignored, never fetched: a token never chooses the key that
 * verifies it (RFC 8725 §3.10). The `kid` is only ever a key into the keys already held.
 */
export function keyIdOf(token: string): string {
  const header = joseHeaderOf(token);
  // RFC 7515 §4.1.11: a token whose `crit` lists extensions must be refused by a verifier that knows none.
  if (header.crit !== undefined) throw new TokenRejectedError('malformed_token', 'crit');
  if (header.alg !== ACCESS_TOKEN_ALGORITHM) throw new TokenRejectedError('unsupported_algorithm');
  if (typeof header.kid !== 'string' || header.kid === '') throw new TokenRejectedError('missing_kid');
  return header.kid;
}

/** Refuses a verified token whose `typ` is not `at+jwt`, so an ID token cannot pass as one (RFC 9068 §4). */
export function assertAccessTokenType(header: JwtHeader): void {
  if (typeof header.typ !== 'string' || !ACCESS_TOKEN_TYPES.has(header.typ.toLowerCase())) {
    throw new TokenRejectedError('wrong_type');
  }
}
