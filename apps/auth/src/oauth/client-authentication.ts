import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OAuthClientRegistry, type RegisteredClient } from '../clients/oauth-client-registry.js';
import { clientIp } from '../throttling/client-ip.js';
import { ClientAuthenticationThrottle } from '../throttling/login-throttle.js';
import { tooManyRequests } from '../throttling/too-many-requests.js';
import { type OAuthForm, optionalParameter } from './form-parameters.js';
import { OAuthError } from './oauth-error.js';

/** The two ways a confidential client proves itself with a secret (RFC 6749 §2.3.1), as discovery names them. */
export const CLIENT_AUTHENTICATION_METHODS = ['client_secret_basic', 'client_secret_post'] as const;

/** The credentials a request presents, not yet checked. */
export interface PresentedClientCredentials {
  clientId: string;
  secret: string;
}

const NOT_AUTHENTICATED = 'Client authentication failed: unknown client, wrong secret, or a revoked client';
/** Far above any real id or secret: longer ones are refused before they reach the counters or the database. */
const MAX_CLIENT_ID_LENGTH = 256;
const MAX_SECRET_LENGTH = 1024;

/**
 * Authenticates the application calling the token or introspection endpoint, under the same
 * lockout as logins (ClientAuthenticationThrottle): a failure for one client id from one address
 * counts, and the tenth within 15 minutes locks that pair with 429 and `Retry-After`. Unknown
 * ids, wrong secrets and revoked clients all answer the same `invalid_client`, so a caller learns
 * nothing about which ids exist.
 */
@Injectable()
export class ClientAuthenticator {
  constructor(
    private readonly clients: OAuthClientRegistry,
    private readonly throttle: ClientAuthenticationThrottle,
  ) {}

  async authenticate(request: Request, response: Response): Promise<RegisteredClient> {
    const presented = presentedCredentials(request.headers.authorization, request.body as OAuthForm);
    const admission = await this.throttle.admit(presented.clientId, clientIp(request));
    if (!admission.admitted) {
      throw tooManyRequests(response, admission.waitMs, 'Too many failed client authentications for this client from this address');
    }
    let client: RegisteredClient | undefined;
    try {
      client = await this.clients.authenticate(presented.clientId, presented.secret);
    } catch (error) {
      await admission.attempt.abandoned();
      throw error;
    }
    if (!client) {
      await admission.attempt.failed();
      throw new OAuthError('invalid_client', NOT_AUTHENTICATED);
    }
    await admission.attempt.succeeded();
    return client;
  }
}

/**
 * The client credentials of a request: HTTP Basic with the form-encoded id and secret
 * (client_secret_basic), or `client_id` and `client_secret` in the form (client_secret_post).
 * RFC 6749 §2.3 forbids using more than one method in a request; a form `client_id` that repeats
 * the Basic one is tolerated, as some libraries send it.
 */
export function presentedCredentials(authorization: string | undefined, form: OAuthForm): PresentedClientCredentials {
  const presented = presentedCredentialsOfAnyLength(authorization, form);
  if (presented.clientId.length > MAX_CLIENT_ID_LENGTH || presented.secret.length > MAX_SECRET_LENGTH) {
    throw new OAuthError('invalid_client', NOT_AUTHENTICATED);
  }
  return presented;
}

function presentedCredentialsOfAnyLength(authorization: string | undefined, form: OAuthForm): PresentedClientCredentials {
  const basic = basicCredentials(authorization);
  const formId = optionalParameter(form, 'client_id');
  const formSecret = optionalParameter(form, 'client_secret');
  if (basic) {
    if (formSecret !== undefined || (formId !== undefined && formId !== basic.clientId)) {
      throw new OAuthError('invalid_request', 'Use one client authentication method: HTTP Basic or client_id and client_secret in the form, not both');
    }
    return basic;
  }
  if (formId === undefined || formSecret === undefined) {
    throw new OAuthError('invalid_client', 'Client authentication is required: HTTP Basic (client_secret_basic) or client_id and client_secret in the form (client_secret_post)');
  }
  return { clientId: formId, secret: formSecret };
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))`; the scheme is case-insensitive (RFC 9110 §11.1). */
function basicCredentials(authorization: string | undefined): PresentedClientCredentials | undefined {
  const [scheme, encoded] = (authorization ?? '').trim().split(/ +/);
  if (scheme?.toLowerCase() !== 'basic') return undefined; // no header, or another scheme: not client_secret_basic
  const decoded = /^[A-Za-z0-9+/]+=*$/.test(encoded ?? '') ? Buffer.from(encoded!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const clientId = colon > 0 ? formDecode(decoded.slice(0, colon)) : undefined;
  const secret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : undefined;
  if (!clientId || !secret) throw new OAuthError('invalid_client', 'The Basic credentials must be base64 of client_id:client_secret');
  return { clientId, secret };
}

/** application/x-www-form-urlencoded decoding (RFC 6749 §2.3.1, Appendix B); undefined if malformed. */
function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
