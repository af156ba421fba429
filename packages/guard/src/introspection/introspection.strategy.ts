import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { joseHeaderOf } from '../access-token/compact-jws.js';
import { bearerToken } from '../bearer/bearer-token.strategy.js';
import type { Principal } from '../principal.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';
import { principalFromIntrospection } from './introspected-principal.js';
import { introspect } from './token-introspection.js';

/** The passport name of the Bearer strategy that asks auth (`TOKEN_VALIDATION=introspection`). */
export const INTROSPECTION_STRATEGY = 'bearer-introspection';

/**
 * The `Authorization: Bearer` way in, checked by auth instead of here (RFC 7662): every request
 * is one call to auth's introspection endpoint, so a revoked application is refused at once rather
 * than at its token's `exp`, at the price of a round trip per request and of auth being up (503
 * otherwise, see {@link introspect}). A token that is not even a well-formed JWS is refused
 * (`malformed_token`) without asking; `active: false` is `inactive_token`. Registered in place of
 * the locally verifying Bearer strategy when the settings ask for introspection.
 */
@Injectable()
export class IntrospectionStrategy extends PassportStrategy(Strategy, INTROSPECTION_STRATEGY) {
  constructor(@Inject(SSO_GUARD_SETTINGS) private readonly settings: SsoGuardSettings) {
    super();
  }

  async validate(request: Request): Promise<Principal | false> {
    const token = bearerToken(request);
    if (!token) return false;
    const header = joseHeaderOf(token);
    const answer = await introspect(token, this.settings.introspection!);
    return principalFromIntrospection(header, answer, this.settings);
  }
}
