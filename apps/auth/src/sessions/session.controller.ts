import { Body, Controller, Get, Header, HttpCode, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@sso/bootstrap';
import { Public, SameOriginGuard, SESSION_COOKIE } from '@sso/guard';
import type { Request, Response } from 'express';
import { LoginInput } from '../auth/auth.dto.js';
import { AuthService } from '../auth/auth.service.js';
import { LimitRequests } from '../throttling/limit-requests.decorator.js';
import { ThrottleFailedLogins } from '../throttling/login-throttle.interceptor.js';
import { PUBLIC_USER_SCHEMA } from '../openapi/auth-schemas.js';
import type { PublicUser } from '../users/user.js';
import { SESSION_COOKIE_ATTRIBUTES } from './session-cookie.js';
import { destroySession, logIn } from './session-requests.js';

/**
 * The classic login, kept to compare with tokens: the server keeps the session, the browser only
 * its id in a cookie. Public for the token guard: the session cookie is what authenticates here.
 */
@Public()
@ApiTags('sessions')
@ApiErrors(429, 503)
@Controller('auth/session')
@LimitRequests('auth')
export class SessionController {
  constructor(private readonly auth: AuthService) {}

  /**
   * The same credential check and 401 as `/auth/login`; the login lives in a new session. Refused
   * from a foreign origin too: a page elsewhere could otherwise log the browser in to the
   * attacker's account (OWASP CSRF Prevention Cheat Sheet, "Possible CSRF Vulnerabilities in Login Forms").
   */
  @Post('login')
  @ThrottleFailedLogins()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @UseGuards(SameOriginGuard)
  @ApiOperation({ summary: 'Log in to a server-side session: sets the `sso_session` cookie' })
  @ApiOkResponse({ description: 'Logged in; the session id is in the cookie', schema: PUBLIC_USER_SCHEMA })
  @ApiErrors(401, 403)
  async login(@Body() input: LoginInput, @Req() request: Request): Promise<PublicUser> {
    const user = await this.auth.verifyCredentials(input);
    await logIn(request, user);
    return user;
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The session’s user' })
  @ApiCookieAuth('session-cookie')
  @ApiOkResponse({ schema: PUBLIC_USER_SCHEMA })
  @ApiErrors(401)
  me(@Req() request: Request): PublicUser {
    if (!request.user) throw new UnauthorizedException('No live session');
    return request.user as PublicUser;
  }

  /** Destroys the session server-side, so the cookie, even if kept, logs nobody in again. */
  @Post('logout')
  @HttpCode(204)
  @UseGuards(SameOriginGuard)
  @ApiOperation({ summary: 'Destroy the session and clear its cookie' })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiErrors(403)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await destroySession(request);
    response.clearCookie(SESSION_COOKIE, { ...SESSION_COOKIE_ATTRIBUTES, secure: request.secure });
  }
}
