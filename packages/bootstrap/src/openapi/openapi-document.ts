import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import { ACCESS_TOKEN_COOKIE, type CredentialKind, SESSION_COOKIE } from '@sso/guard';
import { CHALLENGE_HEADERS, ERROR_BODY, ERROR_BODY_SCHEMA, type ErrorStatus, errorResponse } from './error-responses.js';
import { operationId, type RouteAccess, routeAccessByOperation } from './route-access.js';

/** The security scheme of each way in (OpenAPI 3.0 §4.7.33), named after the credential kind. */
const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from auth (RFC 6750, RFC 9068)' },
  'token-cookie': { type: 'apiKey', in: 'cookie', name: ACCESS_TOKEN_COOKIE, description: 'The same access token, in auth’s HttpOnly cookie' },
  'session-cookie': { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'auth’s session cookie' },
} as const satisfies Record<CredentialKind, object>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The service's OpenAPI 3 document: its controllers and DTOs as @nestjs/swagger reads them, then
 * what every route shares, derived from the guard's metadata rather than repeated on each handler:
 * who may call it (security) and the errors its shape implies.
 */
export function buildOpenApiDocument(app: INestApplication, service: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`${service} API`)
    .setDescription(`The ${service} service of the shared-token single sign-on. Errors always answer \`{statusCode, error, message}\`.`)
    .setVersion('0.1.0')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  document.components = {
    ...document.components,
    securitySchemes: { ...document.components?.securitySchemes, ...SECURITY_SCHEMES },
    schemas: { ...document.components?.schemas, [ERROR_BODY]: ERROR_BODY_SCHEMA },
  };
  const access = routeAccessByOperation(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      const routeAccess = operation?.operationId === undefined ? undefined : access.get(operation.operationId);
      if (operation && routeAccess) describeAccessAndErrors(operation, routeAccess);
    }
  }
  document.paths['/health'] = { get: HEALTH_OPERATION };
  document.paths['/health/ready'] = { get: READINESS_OPERATION };
  return document;
}

/** Sets the route's security and adds the errors it can answer that its decorators did not already name. */
function describeAccessAndErrors(operation: OperationObject, access: RouteAccess): void {
  const errors = new Set<ErrorStatus>();
  if (access.isPublic) {
    // Public for the guard; an empty list says no credential, unless the route checks its own (a cookie).
    operation.security ??= [];
  } else {
    const kinds: readonly CredentialKind[] = access.credentialKinds.length > 0 ? access.credentialKinds : ['bearer'];
    operation.security = kinds.map((kind) => ({ [kind]: [] }));
    operation.responses[401] = { ...errorResponse(401), description: 'No valid credential: missing, expired, revoked or forged', headers: CHALLENGE_HEADERS };
    if (kinds.includes('session-cookie')) errors.add(503);
  }
  if (access.roles.length > 0) errors.add(403);
  if (operation.requestBody) for (const status of [400, 413, 415] as const) errors.add(status);
  if (operation.parameters?.some((parameter) => 'in' in parameter && parameter.in === 'path')) errors.add(404);
  for (const status of errors) operation.responses[status] ??= errorResponse(status);
}

/** `GET /health`, answered by the bootstrap itself rather than a controller. */
const HEALTH_OPERATION: OperationObject = {
  operationId: 'health',
  summary: 'Liveness probe',
  security: [],
  responses: {
    200: {
      description: 'The service is up',
      content: {
        'application/json': {
          schema: { type: 'object', required: ['status', 'service'], properties: { status: { type: 'string', enum: ['ok'] }, service: { type: 'string' } } },
        },
      },
    },
  },
};

/** `GET /health/ready` (readiness.ts): whether the service's database answers, unlike `/health`. */
const READINESS_OPERATION: OperationObject = {
  operationId: 'healthReady',
  summary: 'Readiness probe: the service can reach its database',
  security: [],
  responses: {
    200: { description: 'The database answers', content: { 'application/json': { schema: readinessBody('ready') } } },
    503: { description: 'The database is down or does not answer within 2 s', content: { 'application/json': { schema: readinessBody('unavailable') } } },
  },
};

function readinessBody(status: 'ready' | 'unavailable') {
  return { type: 'object' as const, required: ['status', 'service'], properties: { status: { type: 'string' as const, enum: [status] }, service: { type: 'string' as const } } };
}
