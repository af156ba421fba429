import { applyDecorators } from '@nestjs/common';
import { ApiConsumes, ApiPayloadTooLargeResponse, ApiUnauthorizedResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { ApiErrors, ERROR_DESCRIPTIONS } from '@sso/bootstrap';
import { CLIENT_CHALLENGE_HEADERS, OAUTH_ERROR_SCHEMA } from '../openapi/auth-schemas.js';

/**
 * What the token and introspection endpoints share in auth's OpenAPI document: a form body, the
 * client authentication failure, and the transport errors OAuthErrorFilter answers as
 * `invalid_request`; a throttled request and a server-side failure keep the services' error shape.
 */
export const ApiOAuthEndpoint = (): MethodDecorator =>
  applyDecorators(
    ApiConsumes('application/x-www-form-urlencoded', 'application/json'),
    ApiUnauthorizedResponse({ description: '`invalid_client`: no client authentication, an unknown client, a wrong secret or a revoked client', schema: OAUTH_ERROR_SCHEMA, headers: CLIENT_CHALLENGE_HEADERS }),
    ApiPayloadTooLargeResponse({ description: `${ERROR_DESCRIPTIONS[413]}, as \`invalid_request\``, schema: OAUTH_ERROR_SCHEMA }),
    ApiUnsupportedMediaTypeResponse({ description: `${ERROR_DESCRIPTIONS[415]}, as \`invalid_request\``, schema: OAUTH_ERROR_SCHEMA }),
    ApiErrors(429, 503),
  );
