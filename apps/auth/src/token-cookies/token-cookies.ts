import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE } from '@sso/guard';
import type { CookieOptions, Request, Response } from 'express';
import type { IssuedLogin } from '../auth/auth.service.js';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import type { PublicUser } from '../users/user.js';

/** The body of a cookie login or refresh: the tokens themselves are only in the cookies. */
export interface CookieLoginReply {
  expires_in: number;
  user: PublicUser;
}

/**
 * `HttpOnly` on both: page scripts, and so injected ones, cannot read a token (OWASP Session
 * Management Cheat Sheet, "Cookies"). The access token goes to every path with `SameSite=Lax`
 * (RFC 6265bis, "The SameSite Attribute": left off cross-site subrequests and POSTs), since the
 * services on the other ports of the host accept it; the refresh token only to `/auth/cookie`
 * with `SameSite=Strict`, as nothing but a same-site call to refresh or log out needs it.
 */
const ACCESS_COOKIE = { httpOnly: true, sameSite: 'lax', path: '/' } as const satisfies CookieOptions;
const REFRESH_COOKIE = { httpOnly: true, sameSite: 'strict', path: '/auth/cookie' } as const satisfies CookieOptions;

/** Delivers a login's tokens as cookies rather than in the body, and takes them back. */
@Injectable()
export class TokenCookies {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  /** Sets both cookies (`Secure` over https) and answers what the page may know of the login. */
  deliver(request: Request, response: Response, { user, tokens }: IssuedLogin): CookieLoginReply {
    const secure = request.secure;
    response.cookie(ACCESS_TOKEN_COOKIE, tokens.access_token, { ...ACCESS_COOKIE, secure, maxAge: tokens.expires_in * 1000 });
    response.cookie(REFRESH_TOKEN_COOKIE, tokens.refresh_token, { ...REFRESH_COOKIE, secure, maxAge: this.config.REFRESH_TOKEN_TTL * 1000 });
    return { expires_in: tokens.expires_in, user };
  }

  /** Clears both; a browser replaces a cookie only when name and path match those it was set with. */
  clear(request: Request, response: Response): void {
    const secure = request.secure;
    response.clearCookie(ACCESS_TOKEN_COOKIE, { ...ACCESS_COOKIE, secure });
    response.clearCookie(REFRESH_TOKEN_COOKIE, { ...REFRESH_COOKIE, secure });
  }
}
