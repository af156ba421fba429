import { Body, Controller, Get, Header, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser, Public } from '@sso/guard';
import { ClientIp } from '../throttling/client-ip.js';
import { LimitRequests } from '../throttling/limit-requests.decorator.js';
import { ThrottleFailedLogins } from '../throttling/login-throttle.interceptor.js';
import { RefreshTokenRejected } from '../tokens/refresh-tokens.service.js';
import { PUBLIC_USER_SCHEMA, TOKEN_RESPONSE_SCHEMA } from '../openapi/auth-schemas.js';
import type { PublicUser } from '../users/user.js';
import { LoginInput, RefreshTokenInput, RegisterInput } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import type { TokenResponse } from './token-response.js';

@ApiTags('auth')
@ApiErrors(429, 503)
@Controller('auth')
@LimitRequests('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @LimitRequests('register')
  @ApiOperation({ summary: 'Create an account (role `customer`)' })
  @ApiCreatedResponse({ description: 'The new account', schema: PUBLIC_USER_SCHEMA })
  @ApiErrors(409)
  register(@Body() input: RegisterInput): Promise<PublicUser> {
    return this.auth.register(input);
  }

  @Public()
  @Post('login')
  @ThrottleFailedLogins()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Log in: an access token and a refresh token' })
  @ApiOkResponse({ schema: TOKEN_RESPONSE_SCHEMA })
  @ApiErrors(401)
  async login(@Body() input: LoginInput): Promise<TokenResponse> {
    return (await this.auth.login(input)).tokens;
  }

  @Public()
  @Post('refresh')
  @LimitRequests('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Trade a refresh token for new tokens (rotation; a reused one revokes its whole login)' })
  @ApiOkResponse({ schema: TOKEN_RESPONSE_SCHEMA })
  @ApiErrors(401)
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
  @ApiOperation({ summary: 'Revoke a refresh token and its login (an unknown token is no error)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  logout(@Body() input: RefreshTokenInput): Promise<void> {
    return this.auth.logout(input.refresh_token);
  }

  /** Ends every login of the caller (each refresh-token family) and every session they hold. */
  @Post('logout-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'End every login and session of the caller' })
  @ApiNoContentResponse({ description: 'Every refresh token and session of the caller is revoked' })
  logoutEverywhere(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.auth.logoutEverywhere(user.id);
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller’s account' })
  @ApiOkResponse({ schema: PUBLIC_USER_SCHEMA })
  @ApiErrors(404)
  me(@CurrentUser() user: AuthenticatedUser): Promise<PublicUser> {
    return this.auth.me(user.id);
  }
}
