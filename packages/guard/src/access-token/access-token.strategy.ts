import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { Jwt } from 'jsonwebtoken';
import { type JwtFromRequestFunction, Strategy } from 'passport-jwt';
import type { CredentialKind } from '../authenticated-user.js';
import type { Principal } from '../principal.js';
import type { SsoGuardSettings } from '../sso-guard.options.js';
import { accessTokenVerification, arrivedVia, principalFromVerifiedToken } from './access-token-verification.js';

/**
 * The base of the two ways an access token arrives (the `Authorization` header, auth's cookie):
 * passport-jwt verifies it (see {@link accessTokenVerification}), {@link arrivedVia} decides
 * whether the caller may come this way, and the verified token is remembered in the verified-token
 * cache. The guard answers a remembered token before passport is asked (`CachedAuthentication`),
 * so a strategy runs only for a token the cache does not hold.
 */
export function AccessTokenStrategy(name: string, via: CredentialKind, extract: JwtFromRequestFunction) {
  abstract class AccessTokenStrategyBase extends PassportStrategy(Strategy, name) {
    /** Public only because TypeScript cannot declare a mixin's private members. */
    readonly settings: SsoGuardSettings;

    constructor(settings: SsoGuardSettings) {
      super(accessTokenVerification(settings, extract));
      this.settings = settings;
    }

    validate(request: Request, token: Jwt): Principal {
      const principal = principalFromVerifiedToken(token, via, this.settings);
      const raw = this.settings.tokenCache && extract(request);
      if (raw) this.settings.tokenCache!.remember(raw, token.header.kid!, principal);
      return arrivedVia(principal, via);
    }
  }
  return AccessTokenStrategyBase;
}
