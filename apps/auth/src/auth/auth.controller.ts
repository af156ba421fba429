import { Body, Controller, Get, Header, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { type AuthenticatedUser, CurrentUser, Public } from '@sso/guard';
import { ClientIp } from '../throttling/client-ip.js';
import { LimitRequests } from '../throttling/limit-requests.decorator.js';
import { ThrottleFailedLogins } from '../throttling/login-throttle.interceptor.js';
import { RefreshTokenRejected } from '../tokens/refresh-tokens.service.js';
import type { PublicUser } from '../users/user.js';
import { LoginInput, RefreshTokenInput, RegisterInput } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import type { TokenResponse } from './token-response.js';

@Controller('auth')
@LimitRequests('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @LimitRequests('register')
  register(@Body() input: RegisterInput): Promise<PublicUser> {
    return this.auth.register(input);
  }

  @Public()
  @Post('login')
  @ThrottleFailedLogins()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async login(@Body() input: LoginInput): Promise<TokenResponse> {
    return (await this.auth.login(input)).tokens;
  }

  @Public()
  @Post('refresh')
  @LimitRequests('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async refresh(@Body() input: RefreshTokenInput, @ClientIp() ip: string): Promise<TokenResponse> {
    try {
      return (await this.auth.refresh(input.refresh_token, ip)).tokens;
    } catch (error) {
      if (error instanceof RefreshTokenRejected) throw new UnauthorizedException('Invalid refresh token');
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() input: RefreshTokenInput): Promise<void> {
    return this.auth.logout(input.refresh_token);
  }

  /** Ends every login of the caller (each refresh-token family) and every session they hold. */
  @Post('logout-all')
  @HttpCode(204)
  logoutEverywhere(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.auth.logoutEverywhere(user.id);
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): Promise<PublicUser> {
    return this.auth.me(user.id);
  }
}
