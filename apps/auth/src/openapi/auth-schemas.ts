import type { SchemaObject } from '@nestjs/swagger';
import { ROLES } from '@sso/guard';

// What auth answers, for its OpenAPI document: the replies are interfaces, which leave no trace at
// run time for @nestjs/swagger to read, so their shapes are written out here.

/** {@link PublicUser}. */
export const PUBLIC_USER_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'email', 'name', 'roles'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string', format: 'email' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
  },
};

/** {@link TokenResponse}: RFC 6749 §5.1. */
export const TOKEN_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in', 'refresh_token'],
  properties: {
    access_token: { type: 'string', description: 'An RS256 JWT (RFC 9068)' },
    token_type: { type: 'string', enum: ['Bearer'] },
    expires_in: { type: 'integer', description: 'Seconds until the access token expires' },
    refresh_token: { type: 'string', description: 'Single use: `/auth/refresh` answers a new one' },
  },
};

/** {@link CookieLoginReply}: the tokens themselves are in HttpOnly cookies. */
export const COOKIE_LOGIN_REPLY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['expires_in', 'user'],
  properties: { expires_in: { type: 'integer', description: 'Seconds until the access-token cookie expires' }, user: PUBLIC_USER_SCHEMA },
};

/** The form `POST /oauth/token` reads: RFC 6749 §6 (refresh_token) or §4.4.2 (client_credentials). */
export const TOKEN_FORM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['grant_type'],
  properties: {
    grant_type: { type: 'string', enum: ['refresh_token', 'client_credentials'] },
    refresh_token: { type: 'string', minLength: 1, description: 'refresh_token grant: required' },
    client_id: { type: 'string', description: 'client_credentials with client_secret_post (else HTTP Basic)' },
    client_secret: { type: 'string', description: 'client_credentials with client_secret_post (else HTTP Basic)' },
    scope: { type: 'string', description: 'client_credentials: space-separated scopes, a subset of the client’s (default: all of them)', example: 'orders:read' },
    resource: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      description: 'client_credentials (RFC 8707), repeatable; `audience` is an alias: the services the token is for, a subset of the client’s (default: all of them)',
      example: 'shop',
    },
  },
};

/** {@link ClientTokenResponse}: RFC 6749 §4.4.3, no refresh token. */
export const CLIENT_TOKEN_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in', 'scope'],
  properties: {
    access_token: { type: 'string', description: 'An RS256 JWT (RFC 9068) whose `sub` is the client id' },
    token_type: { type: 'string', enum: ['Bearer'] },
    expires_in: { type: 'integer', description: 'Seconds until the access token expires' },
    scope: { type: 'string', description: 'The granted scopes, space-separated' },
  },
};

/** What `POST /oauth/token` answers: a user's pair (refresh_token) or an application's token (client_credentials). */
export const TOKEN_ENDPOINT_RESPONSE_SCHEMA: SchemaObject = { oneOf: [TOKEN_RESPONSE_SCHEMA, CLIENT_TOKEN_RESPONSE_SCHEMA] };

/** The challenge of a failed client authentication (RFC 6749 §5.2). */
export const CLIENT_CHALLENGE_HEADERS = {
  'WWW-Authenticate': { description: '`Basic realm="sso"`: authenticate the client (RFC 6749 §2.3.1)', schema: { type: 'string' } },
};

/** The form `POST /oauth/introspect` reads (RFC 7662 §2.1). */
export const INTROSPECTION_FORM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['token'],
  properties: {
    token: { type: 'string', description: 'The access token to look at' },
    token_type_hint: { type: 'string', example: 'access_token', description: 'Accepted and ignored: only access tokens are introspected' },
    client_id: { type: 'string', description: 'The caller, with client_secret_post (else HTTP Basic)' },
    client_secret: { type: 'string', description: 'The caller, with client_secret_post (else HTTP Basic)' },
  },
};

/** {@link IntrospectionResponse}: RFC 7662 §2.2. */
export const INTROSPECTION_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['active'],
  properties: {
    active: { type: 'boolean', description: 'false for anything not a live token of this server for one of the caller’s services' },
    scope: { type: 'string' },
    client_id: { type: 'string' },
    sub: { type: 'string' },
    aud: { type: 'array', items: { type: 'string' } },
    iss: { type: 'string' },
    exp: { type: 'integer' },
    iat: { type: 'integer' },
    jti: { type: 'string' },
    token_type: { type: 'string', enum: ['Bearer'] },
    email: { type: 'string', description: 'user tokens only' },
    email_verified: { type: 'boolean', description: 'user tokens only' },
    name: { type: 'string', description: 'user tokens only' },
    roles: { type: 'array', items: { type: 'string', enum: [...ROLES] }, description: 'user tokens only' },
  },
};

const REGISTERED_CLIENT_PROPERTIES: Record<string, SchemaObject> = {
  client_id: { type: 'string', example: 'reporting-3f9a1c2b7d4e' },
  name: { type: 'string', example: 'reporting' },
  scope: { type: 'array', items: { type: 'string' }, example: ['orders:read'] },
  audience: { type: 'array', items: { type: 'string', enum: ['shop', 'helpdesk', 'forum'] }, example: ['shop'] },
  created_at: { type: 'string', format: 'date-time' },
};

/** {@link CreatedClientReply}: the only answer that ever holds the secret. */
export const CREATED_CLIENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['client_id', 'client_secret', 'name', 'scope', 'audience', 'created_at'],
  properties: { ...REGISTERED_CLIENT_PROPERTIES, client_secret: { type: 'string', description: 'Shown once: only its hash is stored' } },
};

/** {@link ClientReply}. */
export const CLIENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['client_id', 'name', 'scope', 'audience', 'created_at', 'revoked_at'],
  properties: { ...REGISTERED_CLIENT_PROPERTIES, revoked_at: { type: 'string', format: 'date-time', nullable: true } },
};

/** An RFC 6749 §5.2 error, as the token endpoint answers it instead of the services' error shape. */
export const OAUTH_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error', 'error_description'],
  properties: {
    error: { type: 'string', enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type', 'invalid_scope', 'invalid_target'] },
    error_description: { type: 'string' },
  },
};
