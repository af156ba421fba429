import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';
import { crossOriginRefusal, foreignOriginOf, type OriginCheckedRequest } from './cross-origin.js';

/**
 * For routes that a cookie authenticates by design (`POST /auth/session/logout`, a refresh-token
 * cookie): a state-changing request from a foreign `Origin` answers 403 and never reaches the
 * handler. The global guard applies the same rule by itself to any request it authenticated by
 * a cookie; this is for the routes it does not authenticate (`@Public()` ones).
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(@Inject(SSO_GUARD_SETTINGS) private readonly settings: SsoGuardSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const origin = foreignOriginOf(context.switchToHttp().getRequest<OriginCheckedRequest>(), this.settings.allowedOrigins);
    if (origin !== undefined) throw new ForbiddenException(crossOriginRefusal(origin));
    return true;
  }
}
