import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { Jwt } from 'jsonwebtoken';
import { Strategy } from 'passport-jwt';
import { accessTokenVerification, userFromVerifiedToken } from '../access-token/access-token-verification.js';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { ACCESS_TOKEN_COOKIE } from '../cookies/cookie-names.js';
import { readCookie } from '../cookies/read-cookie.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';

/** The passport name of the access-token cookie strategy. */
export const TOKEN_COOKIE_STRATEGY = 'token-cookie';

const tokenFromCookie = (request: Request): string | null => readCookie(request, ACCESS_TOKEN_COOKIE) ?? null;

/**
 * The same access token, verified the same way, from auth's HttpOnly cookie: what a browser sends
 * by itself, so a page's scripts never hold the token. Because the browser sends it by itself,
 * requests it authenticates get the cross-origin check (see the authentication guard).
 */
@Injectable()
export class TokenCookieStrategy extends PassportStrategy(Strategy, TOKEN_COOKIE_STRATEGY) {
  constructor(@Inject(SSO_GUARD_SETTINGS) private readonly settings: SsoGuardSettings) {
    super(accessTokenVerification(settings, tokenFromCookie));
  }

  validate(_request: Request, token: Jwt): AuthenticatedUser {
    return userFromVerifiedToken(token, 'token-cookie', this.settings);
  }
}
