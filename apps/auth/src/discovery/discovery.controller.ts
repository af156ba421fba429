import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sso/guard';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import { type PublicJwk, SigningKeys } from '../keys/signing-keys.service.js';
import { CLIENT_AUTHENTICATION_METHODS } from '../oauth/client-authentication.js';

/**
 * What a client or resource server learns without being told: the signing keys (RFC 7517) and the
 * server's metadata, served both as OpenID Connect Discovery and as RFC 8414 metadata.
 */
@ApiTags('discovery')
@Controller('.well-known')
@Public()
export class DiscoveryController {
  private readonly metadata: Record<string, unknown>;

  constructor(
    @Inject(AUTH_CONFIG) config: AuthConfig,
    private readonly keys: SigningKeys,
  ) {
    const issuer = config.ISSUER;
    this.metadata = {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/oauth/token`,
      grant_types_supported: ['refresh_token', 'client_credentials'],
      // No authorization endpoint (users log in at /auth/login), so no response types to offer.
      response_types_supported: [],
      // `none` for the refresh grant of user logins (a public client); applications use their secret.
      token_endpoint_auth_methods_supported: ['none', ...CLIENT_AUTHENTICATION_METHODS],
      introspection_endpoint: `${issuer}/oauth/introspect`,
      introspection_endpoint_auth_methods_supported: [...CLIENT_AUTHENTICATION_METHODS],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email'],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id', 'scope', 'email', 'name', 'roles'],
    };
  }

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The public signing keys (RFC 7517): what every service verifies tokens with' })
  @ApiOkResponse({ schema: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object' } } } } })
  jwks(): { keys: PublicJwk[] } {
    return this.keys.jwks();
  }

  @Get('openid-configuration')
  @ApiOperation({ summary: 'OpenID Connect Discovery 1.0 metadata' })
  @ApiOkResponse({ schema: { type: 'object', required: ['issuer', 'jwks_uri', 'token_endpoint'] } })
  openIdConfiguration(): Record<string, unknown> {
    return this.metadata;
  }

  @Get('oauth-authorization-server')
  @ApiOperation({ summary: 'RFC 8414 authorization server metadata (the same document)' })
  @ApiOkResponse({ schema: { type: 'object', required: ['issuer', 'jwks_uri', 'token_endpoint'] } })
  authorizationServerMetadata(): Record<string, unknown> {
    return this.metadata;
  }
}
