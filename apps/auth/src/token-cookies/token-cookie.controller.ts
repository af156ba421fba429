import { Body, Controller, Header, HttpCode, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@sso/bootstrap';
import { Public, readCookie, REFRESH_TOKEN_COOKIE, SameOriginGuard } from '@sso/guard';
import type { Request, Response } from 'express';
import { LoginInput } from '../auth/auth.dto.js';
import { AuthService, type IssuedLogin } from '../auth/auth.service.js';
import { COOKIE_LOGIN_REPLY_SCHEMA } from '../openapi/auth-schemas.js';
import { clientIp } from '../throttling/client-ip.js';
import { LimitRequests } from '../throttling/limit-requests.decorator.js';
import { ThrottleFailedLogins } from '../throttling/login-throttle.interceptor.js';
import { RefreshTokenRejected } from '../tokens/refresh-tokens.service.js';
import { type CookieLoginReply, TokenCookies } from './token-cookies.js';

/**
 * `/auth/login`, `/auth/refresh` and `/auth/logout` for browsers: the same tokens, rotation and
 * reuse detection, carried in HttpOnly cookies. Every route changes state and is refused from a
 * foreign origin (CSRF; for login, see `SessionController.login`). Public for the token guard: the
 * credentials are the body or the refresh cookie.
 */
@Public()
@ApiTags('token cookies')
@ApiErrors(403, 429, 503)
@Controller('auth/cookie')
@LimitRequests('auth')
@UseGuards(SameOriginGuard)
export class TokenCookieController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: TokenCookies,
  ) {}

  @Post('login')
  @ThrottleFailedLogins()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Log in: the access and refresh tokens as HttpOnly cookies' })
  @ApiOkResponse({ schema: COOKIE_LOGIN_REPLY_SCHEMA })
  @ApiErrors(401)
  async login(@Body() input: LoginInput, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CookieLoginReply> {
    return this.cookies.deliver(request, response, await this.auth.login(input));
  }

  /** Rotates the refresh cookie; a missing, spent or revoked one answers 401 and clears both cookies. */
  @Post('refresh')
  @LimitRequests('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Rotate the refresh cookie (sent by the browser)' })
  @ApiOkResponse({ schema: COOKIE_LOGIN_REPLY_SCHEMA })
  @ApiErrors(401)
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CookieLoginReply> {
    const login = await this.rotate(readCookie(request, REFRESH_TOKEN_COOKIE), clientIp(request));
    if (login) return this.cookies.deliver(request, response, login);
    this.cookies.clear(request, response);
    throw new UnauthorizedException('Missing or invalid refresh token');
  }

  /** Revokes the login the refresh cookie belongs to, if any, and clears both cookies. */
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh cookie’s login and clear both cookies' })
  @ApiNoContentResponse({ description: 'Logged out' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const refreshToken = readCookie(request, REFRESH_TOKEN_COOKIE);
    if (refreshToken !== undefined) await this.auth.logout(refreshToken);
    this.cookies.clear(request, response);
  }

  private async rotate(refreshToken: string | undefined, ip: string): Promise<IssuedLogin | undefined> {
    if (refreshToken === undefined) return undefined;
    try {
      return await this.auth.refresh(refreshToken, ip);
    } catch (error) {
      if (error instanceof RefreshTokenRejected) return undefined;
      throw error;
    }
  }
}
