import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiResponse, type HeadersObject, type SchemaObject } from '@nestjs/swagger';

/** The name under which {@link ERROR_BODY_SCHEMA} sits in `components.schemas`. */
export const ERROR_BODY = 'ErrorBody';

/** The contract's one error body, `{statusCode, error, message}`, as {@link HttpErrorFilter} writes it. */
export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', description: 'The status text (RFC 9110 §15)', example: 'Bad Request' },
    message: {
      description: 'What went wrong: one sentence, or one per invalid field',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
  },
};

/** The error statuses a service answers, each with what it means here. */
export const ERROR_DESCRIPTIONS = {
  400: 'The input is invalid: a field is missing, too long or malformed, an id is not a UUID, or the body is not valid JSON',
  401: 'The credentials or the token are wrong, expired or revoked',
  403: 'The caller is authenticated but may not do this (a role is missing, or the request comes from a foreign origin)',
  404: 'No such resource, or not the caller’s',
  409: 'The resource already exists',
  413: 'The body is larger than 100 KiB',
  415: 'The body is neither JSON nor, where accepted, a form',
  429: 'Too many requests: wait as long as `Retry-After` says',
  503: 'A dependency (a database, the session store) could not be asked: try again later',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Headers RFC 9110 asks for alongside some errors. */
const ERROR_HEADERS: Partial<Record<ErrorStatus, HeadersObject>> = {
  // RFC 6585 §4 and RFC 9110 §10.2.3.
  429: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } },
};

/** The guard's 401 names the scheme it wants (RFC 6750 §3); a wrong password at login does not. */
export const CHALLENGE_HEADERS: HeadersObject = {
  'WWW-Authenticate': { description: 'The challenge, e.g. `Bearer realm="shop", error="invalid_token"` (RFC 6750 §3)', schema: { type: 'string' } },
};

export interface ErrorResponseObject {
  description: string;
  headers?: HeadersObject;
  content: Record<string, { schema: { $ref: string } }>;
}

/** The OpenAPI response object of one error status, with the shared error body. */
export function errorResponse(status: ErrorStatus): ErrorResponseObject {
  return {
    description: ERROR_DESCRIPTIONS[status],
    ...(ERROR_HEADERS[status] && { headers: ERROR_HEADERS[status] }),
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY}` } } },
  };
}

/**
 * Documents error answers a route gives beyond those its shape implies (see `buildOpenApiDocument`):
 * a 409 on a duplicate, a 429 from a rate limit, a 404 on a missing resource.
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...errorResponse(status) })));
}

/** Metadata key set by {@link ApiNeverNotFound}. */
export const NEVER_NOT_FOUND = 'sso:openapi:never-not-found';

/**
 * The route has a path parameter but never answers 404, so the document does not list one: the
 * parameter selects what to list rather than names a resource that may be missing
 * (`/customers/{userId}/orders` answers `[]` for a customer without orders, known or not).
 */
export const ApiNeverNotFound = (): MethodDecorator & ClassDecorator => SetMetadata(NEVER_NOT_FOUND, true);
