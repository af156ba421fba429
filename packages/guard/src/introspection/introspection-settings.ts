import { clientSecretBasic } from '../client-credentials/client-secret-basic.js';
import { authEndpointProblem } from '../keys/jwks-uri.js';

/** The default time auth has to answer an introspection request. */
export const INTROSPECTION_TIMEOUT_MS = 3_000;

/** How a service asks auth about a token (RFC 7662): where, and as which client. */
export interface IntrospectionOptions {
  /** auth's introspection endpoint, normally `${authUrl}/oauth/introspect`. https, or http to loopback unless `allowInsecureJwksUri`. */
  endpoint: string;
  /** The client this service authenticates as; auth answers `active` only for tokens whose `aud` its audiences include. */
  clientId: string;
  clientSecret: string;
  /** How long auth has to answer before the request gets 503. Default 3000 ms. */
  timeoutMs?: number;
}

/** The options after validation. */
export interface IntrospectionSettings {
  endpoint: string;
  /** The `Authorization: Basic` header value, computed once: the secret is not kept in any other form. */
  authorization: string;
  timeoutMs: number;
}

/** Why the options cannot be used, or undefined when they can. */
export function introspectionOptionsProblem(options: IntrospectionOptions, allowInsecure: boolean): string | undefined {
  const endpointProblem = authEndpointProblem('introspection.endpoint', options.endpoint, allowInsecure);
  if (endpointProblem) return endpointProblem;
  if (typeof options.clientId !== 'string' || options.clientId === '') return 'introspection.clientId must be a non-empty string';
  if (typeof options.clientSecret !== 'string' || options.clientSecret === '') return 'introspection.clientSecret must be a non-empty string';
  const timeoutMs = options.timeoutMs ?? INTROSPECTION_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) return `introspection.timeoutMs must be a whole number of at least 1, got ${timeoutMs}`;
  return undefined;
}

export function introspectionSettingsFrom(options: IntrospectionOptions): IntrospectionSettings {
  return {
    endpoint: options.endpoint,
    authorization: clientSecretBasic(options.clientId, options.clientSecret),
    timeoutMs: options.timeoutMs ?? INTROSPECTION_TIMEOUT_MS,
  };
}
