import type { JwtHeader, JwtPayload } from 'jsonwebtoken';
import { principalFromClaims } from '../access-token/access-token-claims.js';
import { assertAccessTokenType } from '../access-token/access-token-header.js';
import { assertTimestamps } from '../access-token/access-token-timestamps.js';
import type { Principal } from '../principal.js';
import { TokenRejectedError } from '../rejections/token-rejection.js';
import type { SsoGuardSettings } from '../sso-guard.options.js';
import type { IntrospectionAnswer } from './token-introspection.js';

/**
 * The caller an active introspection answer states, judged by the rules local verification
 * applies, so that both ways of checking a Bearer token admit exactly the same tokens: `typ`
 * (read from the token's own header, which auth's signature check covered: RFC 7662 has no field
 * for it), `iss` (`wrong_issuer`), this service in `aud` (`wrong_audience`: auth answers `active`
 * for any audience its caller may see, RFC 7662 §4), `exp` with the clock tolerance (`expired`),
 * the timestamps, then the claims themselves, users' and applications' alike.
 */
export function principalFromIntrospection(header: Partial<JwtHeader>, answer: IntrospectionAnswer, settings: SsoGuardSettings): Principal {
  if (!answer.active) throw new TokenRejectedError('inactive_token');
  assertAccessTokenType(header as JwtHeader);
  const claims = answer as JwtPayload;
  if (claims.iss !== settings.issuer) throw new TokenRejectedError('wrong_issuer');
  const audience = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  if (!Array.isArray(audience) || !audience.some((each) => settings.audience.includes(each))) throw new TokenRejectedError('wrong_audience');
  assertTimestamps(claims, settings.clockToleranceSeconds);
  if (typeof claims.exp === 'number' && claims.exp + settings.clockToleranceSeconds <= Date.now() / 1000) throw new TokenRejectedError('expired');
  return principalFromClaims(claims, 'bearer');
}
