import { Inject, Injectable } from '@nestjs/common';
import { ExtractJwt } from 'passport-jwt';
import { AccessTokenStrategy } from '../access-token/access-token.strategy.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';

/** The passport name of the `Authorization: Bearer <access token>` strategy (RFC 6750 §2.1). */
export const BEARER_TOKEN_STRATEGY = 'bearer-token';

/**
 * passport-jwt's extractor compares the scheme case-insensitively, as RFC 9110 §11.1 requires
 * (`bearer` and `BEARER` work); no header, or another scheme, counts as no token at all. The query
 * string is never read (RFC 6750 §2.3 says SHOULD NOT: URLs end up in logs and histories).
 */
export const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** The access token from the `Authorization` header: what API clients and other services send. */
@Injectable()
export class BearerTokenStrategy extends AccessTokenStrategy(BEARER_TOKEN_STRATEGY, 'bearer', bearerToken) {
  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    super(settings);
  }
}
