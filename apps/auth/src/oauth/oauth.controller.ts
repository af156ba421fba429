import { Body, Controller, Header, HttpCode, Post, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ApiErrors, ERROR_DESCRIPTIONS } from '@sso/bootstrap';
import { Public } from '@sso/guard';
import type { Request } from 'express';
import { AuthService } from '../auth/auth.service.js';
import type { TokenResponse } from '../auth/token-response.js';
import { OAUTH_ERROR_SCHEMA, TOKEN_FORM_SCHEMA, TOKEN_RESPONSE_SCHEMA } from '../openapi/auth-schemas.js';
import { ClientIp } from '../throttling/client-ip.js';
import { LimitRequests } from '../throttling/limit-requests.decorator.js';
import { RefreshTokenRejected } from '../tokens/refresh-tokens.service.js';
import { OAuthError, OAuthErrorFilter } from './oauth-error.js';

/**
 * The RFC 6749 token endpoint named by the discovery document. Only `refresh_token` is granted:
 * the `password` grant is refused, as RFC 9700 §2.4 requires.
 */
@ApiTags('oauth')
@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class OAuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @LimitRequests('refresh', isRefreshTokenGrant)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({ summary: 'The RFC 6749 token endpoint: the refresh_token grant only' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ schema: TOKEN_FORM_SCHEMA })
  @ApiOkResponse({ schema: TOKEN_RESPONSE_SCHEMA })
  @ApiBadRequestResponse({ description: 'RFC 6749 §5.2: a missing parameter, an unsupported grant, or an invalid, expired, revoked or reused refresh token', schema: OAUTH_ERROR_SCHEMA })
  @ApiPayloadTooLargeResponse({ description: `${ERROR_DESCRIPTIONS[413]}, as \`invalid_request\``, schema: OAUTH_ERROR_SCHEMA })
  @ApiUnsupportedMediaTypeResponse({ description: `${ERROR_DESCRIPTIONS[415]}, as \`invalid_request\``, schema: OAUTH_ERROR_SCHEMA })
  // A throttled request and a server-side failure keep the services' error shape (see OAuthErrorFilter).
  @ApiErrors(429, 503)
  async token(@Body() form: Record<string, unknown>, @ClientIp() ip: string): Promise<TokenResponse> {
    const grantType = singleParameter(form, 'grant_type');
    if (grantType !== 'refresh_token') {
      throw new OAuthError('unsupported_grant_type', `The grant type "${grantType}" is not supported; use refresh_token`);
    }
    const refreshToken = singleParameter(form, 'refresh_token');
    try {
      return (await this.auth.refresh(refreshToken, ip)).tokens;
    } catch (error) {
      if (error instanceof RefreshTokenRejected) {
        throw new OAuthError('invalid_grant', 'The refresh token is invalid, expired, revoked or already used');
      }
      throw error;
    }
  }
}

/** The refresh grant counts against the refresh limit with `/auth/refresh`; other grants are refused anyway. */
function isRefreshTokenGrant(request: Request): boolean {
  return (request.body as Record<string, unknown> | undefined)?.grant_type === 'refresh_token';
}

/** RFC 6749 §3.2: parameters must not be repeated or empty. */
function singleParameter(form: Record<string, unknown> | undefined, name: string): string {
  const value = form?.[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new OAuthError('invalid_request', `The request must include a single "${name}" parameter`);
  }
  return value;
}
