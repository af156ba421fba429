import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokenStrategy } from '../access-token/access-token.strategy.js';
import { ACCESS_TOKEN_COOKIE } from '../cookies/cookie-names.js';
import { readCookie } from '../cookies/read-cookie.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';

/** The passport name of the access-token cookie strategy. */
export const TOKEN_COOKIE_STRATEGY = 'token-cookie';

/** The access token from auth's cookie, or null. */
export const tokenFromCookie = (request: Request): string | null => readCookie(request, ACCESS_TOKEN_COOKIE) ?? null;

/**
 * The same access token, verified the same way, from auth's HttpOnly cookie: what a browser sends
 * by itself, so a page's scripts never hold the token. Because the browser sends it by itself,
 * requests it authenticates get the cross-origin check (see the authentication guard).
 */
@Injectable()
export class TokenCookieStrategy extends AccessTokenStrategy(TOKEN_COOKIE_STRATEGY, 'token-cookie', tokenFromCookie) {
  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    super(settings);
  }
}
