import { Controller, Header, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sso/guard';
import type { Request, Response } from 'express';
import { INTROSPECTION_FORM_SCHEMA, INTROSPECTION_RESPONSE_SCHEMA, OAUTH_ERROR_SCHEMA } from '../openapi/auth-schemas.js';
import { ClientAuthenticator } from './client-authentication.js';
import { type OAuthForm, singleParameter } from './form-parameters.js';
import { ApiOAuthEndpoint } from './oauth-endpoint-docs.js';
import { OAuthErrorFilter } from './oauth-error.js';
import { type IntrospectionResponse, TokenIntrospection } from './token-introspection.js';

/** The RFC 7662 introspection endpoint named by the discovery document; callers authenticate as clients. */
@ApiTags('oauth')
@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class IntrospectionController {
  constructor(
    private readonly authenticator: ClientAuthenticator,
    private readonly introspection: TokenIntrospection,
  ) {}

  // Public to the user guard: the caller proves itself with client credentials, checked here.
  @Public()
  @Post('introspect')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({
    summary: 'RFC 7662 token introspection: is this access token live, and for whom?',
    description: 'The caller authenticates as a client (HTTP Basic or client_id and client_secret in the form). Only tokens for one of the caller’s audiences are reported active.',
  })
  @ApiOAuthEndpoint()
  @ApiBody({ schema: INTROSPECTION_FORM_SCHEMA })
  @ApiOkResponse({ schema: INTROSPECTION_RESPONSE_SCHEMA })
  @ApiBadRequestResponse({ description: '`invalid_request`: no `token`, or two client authentication methods at once', schema: OAUTH_ERROR_SCHEMA })
  async introspect(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<IntrospectionResponse> {
    const caller = await this.authenticator.authenticate(request, response);
    const token = singleParameter(request.body as OAuthForm, 'token');
    return this.introspection.introspect(token, caller);
  }
}
