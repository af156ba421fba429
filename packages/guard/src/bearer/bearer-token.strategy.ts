import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { Jwt } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { accessTokenVerification, userFromVerifiedToken } from '../access-token/access-token-verification.js';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';

/** The passport name of the `Authorization: Bearer <access token>` strategy (RFC 6750 §2.1). */
export const BEARER_TOKEN_STRATEGY = 'bearer-token';

/**
 * passport-jwt's extractor compares the scheme case-insensitively, as RFC 9110 §11.1 requires
 * (`bearer` and `BEARER` work); no header, or another scheme, counts as no token at all. The query
 * string is never read (RFC 6750 §2.3 says SHOULD NOT: URLs end up in logs and histories).
 */
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** The access token from the `Authorization` header: what API clients and other services send. */
@Injectable()
export class BearerTokenStrategy extends PassportStrategy(Strategy, BEARER_TOKEN_STRATEGY) {
  constructor(@Inject(SSO_GUARD_SETTINGS) private readonly settings: SsoGuardSettings) {
    super(accessTokenVerification(settings, bearerToken));
  }

  validate(_request: Request, token: Jwt): AuthenticatedUser {
    return userFromVerifiedToken(token, 'bearer', this.settings);
  }
}
