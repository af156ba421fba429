import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { RegisteredClient } from '../clients/oauth-client-registry.js';
import { AccessTokens } from '../tokens/access-tokens.service.js';
import { ClientAuthenticator } from './client-authentication.js';
import { type OAuthForm, optionalParameter, repeatedParameter } from './form-parameters.js';
import { OAuthError } from './oauth-error.js';

/** RFC 6749 §4.4.3: an access token only; a refresh token SHOULD NOT be issued, and none is. */
export interface ClientTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  /** The granted scopes, space-separated (RFC 6749 §5.1: required when they differ from the request's; always sent). */
  scope: string;
}

/**
 * The client credentials grant (RFC 6749 §4.4): an application authenticates with its own id and
 * secret and gets a token for itself, narrowed to the scopes (`scope`, §3.3) and services
 * (`resource`, RFC 8707, or its common alias `audience`) it asks for, within what it was registered
 * with; by default, everything it was registered with.
 */
@Injectable()
export class ClientCredentialsGrant {
  constructor(
    private readonly authenticator: ClientAuthenticator,
    private readonly tokens: AccessTokens,
  ) {}

  async grant(request: Request, response: Response): Promise<ClientTokenResponse> {
    const client = await this.authenticator.authenticate(request, response);
    const form = request.body as OAuthForm;
    const scopes = grantedScopes(form, client);
    const audiences = grantedAudiences(form, client);
    const issued = this.tokens.issueForClient(client.clientId, scopes, audiences);
    return { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, scope: scopes.join(' ') };
  }
}

/** RFC 6749 §3.3: space-delimited; every one requested must be among the client's, else `invalid_scope`. */
function grantedScopes(form: OAuthForm, client: RegisteredClient): string[] {
  const requested = optionalParameter(form, 'scope')?.split(' ').filter((scope) => scope !== '') ?? [];
  if (requested.length === 0) return client.scopes;
  const refused = requested.filter((scope) => !client.scopes.includes(scope));
  if (refused.length > 0) {
    throw new OAuthError('invalid_scope', `This client may not have the scope ${refused.map((scope) => `"${scope}"`).join(', ')}; it may have: ${client.scopes.join(' ')}`);
  }
  return [...new Set(requested)];
}

/** RFC 8707 §2: each `resource` (here a service name) must be one the client may reach, else `invalid_target`. */
function grantedAudiences(form: OAuthForm, client: RegisteredClient): string[] {
  const requested = [...repeatedParameter(form, 'resource'), ...repeatedParameter(form, 'audience')];
  if (requested.length === 0) return client.audiences;
  const refused = requested.filter((audience) => !client.audiences.includes(audience));
  if (refused.length > 0) {
    throw new OAuthError('invalid_target', `This client may not have tokens for ${refused.map((audience) => `"${audience}"`).join(', ')}; it may for: ${client.audiences.join(' ')}`);
  }
  return [...new Set(requested)];
}
