import { Body, Controller, Header, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sso/guard';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service.js';
import type { TokenResponse } from '../auth/token-response.js';
import { OAUTH_ERROR_SCHEMA, TOKEN_FORM_SCHEMA, TOKEN_ENDPOINT_RESPONSE_SCHEMA } from '../openapi/auth-schemas.js';
import { ClientIp } from '../throttling/client-ip.js';
import { LimitRequests } from '../throttling/limit-requests.decorator.js';
import { RefreshTokenRejected } from '../tokens/refresh-tokens.service.js';
import { type ClientTokenResponse, ClientCredentialsGrant } from './client-credentials-grant.js';
import { type OAuthForm, singleParameter } from './form-parameters.js';
import { ApiOAuthEndpoint } from './oauth-endpoint-docs.js';
import { OAuthError, OAuthErrorFilter } from './oauth-error.js';

/**
 * The RFC 6749 token endpoint named by the discovery document. It grants `refresh_token` (users)
 * and `client_credentials` (applications); the `password` grant is refused, as RFC 9700 §2.4 requires.
 */
@ApiTags('oauth')
@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class OAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly clientCredentials: ClientCredentialsGrant,
  ) {}

  @Public()
  @Post('token')
  @LimitRequests('refresh', isRefreshTokenGrant)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({
    summary: 'The RFC 6749 token endpoint: the refresh_token and client_credentials grants',
    description:
      'client_credentials: the client authenticates with HTTP Basic (client_secret_basic) or client_id and client_secret in the form (client_secret_post), one of the two; `scope` and `resource` (or `audience`, repeatable) narrow the token. No refresh token is issued for it.',
  })
  @ApiOAuthEndpoint()
  @ApiBody({ schema: TOKEN_FORM_SCHEMA })
  @ApiOkResponse({ schema: TOKEN_ENDPOINT_RESPONSE_SCHEMA })
  @ApiBadRequestResponse({
    description: 'RFC 6749 §5.2: a missing parameter, an unsupported grant, an invalid, expired, revoked or reused refresh token, a scope (`invalid_scope`) or resource (`invalid_target`, RFC 8707) the client may not have',
    schema: OAUTH_ERROR_SCHEMA,
  })
  async token(
    @Body() form: OAuthForm,
    @ClientIp() ip: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenResponse | ClientTokenResponse> {
    const grantType = singleParameter(form, 'grant_type');
    if (grantType === 'client_credentials') return this.clientCredentials.grant(request, response);
    if (grantType !== 'refresh_token') {
      throw new OAuthError('unsupported_grant_type', `The grant type "${grantType}" is not supported; use refresh_token or client_credentials`);
    }
    return this.refreshTokenGrant(form, ip);
  }

  private async refreshTokenGrant(form: OAuthForm, ip: string): Promise<TokenResponse> {
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

/**
 * The refresh grant counts against the refresh limit with `/auth/refresh`. The client credentials
 * grant is throttled by its failures instead (ClientAuthenticator), as logins are.
 */
function isRefreshTokenGrant(request: Request): boolean {
  return (request.body as Record<string, unknown> | undefined)?.grant_type === 'refresh_token';
}
