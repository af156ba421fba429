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
 * passport-jwt verifies it (see {@link accessTokenVerification}); a token that verified before
 * and has not expired is answered from the verified-token cache without verifying it again. Either
 * way, {@link arrivedVia} decides whether the caller may come this way.
 */
export function AccessTokenStrategy(name: string, via: CredentialKind, extract: JwtFromRequestFunction) {
  abstract class AccessTokenStrategyBase extends PassportStrategy(Strategy, name) {
    /** Read once per request; public only because TypeScript cannot declare a mixin's private members. */
    readonly settings: SsoGuardSettings;

    constructor(settings: SsoGuardSettings) {
      super(accessTokenVerification(settings, extract));
      this.settings = settings;
    }

    /** Answers from the cache when it can; otherwise passport-jwt verifies (and `validate` remembers). */
    override authenticate(request: Request, options?: object): void {
      const token = this.settings.tokenCache && extract(request);
      const caller = token ? this.settings.tokenCache!.get(token) : undefined;
      if (!caller) return super.authenticate(request, options);
      try {
        return this.success(arrivedVia(caller, via));
      } catch (error) {
        return this.error(error as Error);
      }
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
