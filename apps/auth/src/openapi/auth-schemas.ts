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

/** The form `POST /oauth/token` reads (RFC 6749 §6). */
export const TOKEN_FORM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['grant_type', 'refresh_token'],
  properties: {
    grant_type: { type: 'string', enum: ['refresh_token'] },
    refresh_token: { type: 'string', minLength: 1 },
  },
};

/** An RFC 6749 §5.2 error, as the token endpoint answers it instead of the services' error shape. */
export const OAUTH_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error', 'error_description'],
  properties: {
    error: { type: 'string', enum: ['invalid_request', 'invalid_grant', 'unsupported_grant_type'] },
    error_description: { type: 'string' },
  },
};
