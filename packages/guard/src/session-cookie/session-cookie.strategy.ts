import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { SESSION_COOKIE } from '../cookies/cookie-names.js';
import { readCookie } from '../cookies/read-cookie.js';
import { TokenRejectedError } from '../rejections/token-rejection.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';

/** The passport name of the session-cookie strategy. */
export const SESSION_COOKIE_STRATEGY = 'session-cookie';

/**
 * auth's session cookie, looked up in the service's session store on every request (see
 * `SessionOptions` for the two stores). A request without the cookie is not this strategy's to
 * judge; one whose cookie names no live session is refused (`unknown_session`).
 */
@Injectable()
export class SessionCookieStrategy extends PassportStrategy(Strategy, SESSION_COOKIE_STRATEGY) implements OnModuleDestroy {
  constructor(@Inject(SSO_GUARD_SETTINGS) private readonly settings: SsoGuardSettings) {
    super();
  }

  async validate(request: Request): Promise<AuthenticatedUser | false> {
    const cookie = readCookie(request, SESSION_COOKIE);
    const store = this.settings.sessionStore;
    if (cookie === undefined || store === undefined) return false;
    const user = await store.userFor(cookie);
    if (!user) throw new TokenRejectedError('unknown_session');
    // auth has no email verification yet: a session vouches for the account, not for the address.
    return { ...user, kind: 'user', emailVerified: false, via: 'session-cookie' };
  }

  async onModuleDestroy(): Promise<void> {
    await this.settings.sessionStore?.close();
  }
}
