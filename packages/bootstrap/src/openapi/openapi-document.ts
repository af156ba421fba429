import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type HeadersObject, type OpenAPIObject, type OperationObject, type ResponseObject, SwaggerModule } from '@nestjs/swagger';
import {
  ACCESS_REFUSAL_DESCRIPTIONS,
  ACCESS_TOKEN_COOKIE,
  type CredentialKind,
  PerServerSessionStore,
  SESSION_COOKIE,
  SSO_GUARD_SETTINGS,
  type SsoGuardSettings,
} from '@sso/guard';
import { METRICS_OPERATION, METRICS_SECURITY, METRICS_SECURITY_SCHEME } from '../metrics/metrics-openapi.js';
import { METRICS_PATH } from '../metrics/mount-metrics.js';
import { CHALLENGE_HEADERS, ERROR_BODY, ERROR_BODY_SCHEMA, type ErrorStatus, errorResponse } from './error-responses.js';
import { operationId, type RouteAccess, routeAccessByOperation } from './route-access.js';

/** The security scheme of each way in (OpenAPI 3.0 §4.7.33), named after the credential kind. */
const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from auth (RFC 6750, RFC 9068)' },
  'token-cookie': { type: 'apiKey', in: 'cookie', name: ACCESS_TOKEN_COOKIE, description: 'The same access token, in auth’s HttpOnly cookie' },
  'session-cookie': { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'auth’s session cookie, which only a service sharing auth’s session store can read (`SESSION_MODE=shared-store`)' },
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
    securitySchemes: { ...document.components?.securitySchemes, ...SECURITY_SCHEMES, [METRICS_SECURITY]: METRICS_SECURITY_SCHEME },
    schemas: { ...document.components?.schemas, [ERROR_BODY]: ERROR_BODY_SCHEMA },
  };
  const access = routeAccessByOperation(app);
  const guard = serviceGuard(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      const routeAccess = operation?.operationId === undefined ? undefined : access.get(operation.operationId);
      if (operation && routeAccess) describeAccessAndErrors(operation, method, routeAccess, guard);
    }
  }
  document.paths['/health'] = { get: HEALTH_OPERATION };
  document.paths['/health/ready'] = { get: READINESS_OPERATION };
  document.paths[METRICS_PATH] = { get: METRICS_OPERATION };
  return document;
}

/** How the service's guard takes callers, as far as the document tells them apart. */
interface ServiceGuard {
  /**
   * The ways into a route that does not name its own (`@AuthenticateWith`): the access token, in
   * the `Authorization` header or in auth's cookie, and auth's session cookie where the service
   * reads auth's session store (`SESSION_MODE=shared-store`). A per-server store never holds
   * auth's sessions, so offering the cookie there would only invite a 401.
   */
  credentialKinds: readonly CredentialKind[];
  /** Bearer tokens are checked by asking auth (`TOKEN_VALIDATION=introspection`), which may not answer. */
  introspects: boolean;
}

/** The {@link ServiceGuard} of `app`, from the guard's own settings; a module without the guard (a test module): the Bearer token. */
function serviceGuard(app: INestApplication): ServiceGuard {
  let settings: SsoGuardSettings;
  try {
    settings = app.get<SsoGuardSettings>(SSO_GUARD_SETTINGS, { strict: false });
  } catch {
    return { credentialKinds: ['bearer'], introspects: false };
  }
  const store = settings.sessionStore;
  const sharesSessions = store !== undefined && !(store instanceof PerServerSessionStore);
  return {
    credentialKinds: sharesSessions ? ['bearer', 'token-cookie', 'session-cookie'] : ['bearer', 'token-cookie'],
    introspects: settings.introspection !== undefined,
  };
}

/** RFC 9110 §9.2.1: the methods that change nothing, which the guard's CSRF check lets through. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['get', 'head', 'options']);

/**
 * Sets the route's security and adds the errors it can answer that its decorators did not already
 * name. The guard's 403s and 503s say why, each cause once, under what the route itself declared.
 */
function describeAccessAndErrors(operation: OperationObject, method: string, access: RouteAccess, guard: ServiceGuard): void {
  const errors = new Set<ErrorStatus>();
  const refusals: string[] = [];
  const outages: string[] = [];
  if (access.isPublic) {
    // Public for the guard; an empty list says no credential, unless the route checks its own (a cookie).
    operation.security ??= [];
  } else {
    const kinds = credentialKindsOf(access, guard);
    operation.security = kinds.map((kind) => ({ [kind]: [] }));
    operation.responses[401] = { ...errorResponse(401), description: 'No valid credential: missing, expired, revoked or forged', headers: CHALLENGE_HEADERS };
    if (kinds.includes('session-cookie')) outages.push('auth’s session store, where the session cookie is looked up');
    if (kinds.includes('bearer') && guard.introspects) outages.push('auth’s introspection endpoint, which checks every Bearer token here (`TOKEN_VALIDATION=introspection`)');
    // A cookie travels with another site's requests too: the guard refuses those that would change state (CSRF).
    if (kinds.some((kind) => kind !== 'bearer') && !SAFE_METHODS.has(method)) refusals.push('a request with a cookie from a foreign origin that would change state (CSRF)');
    // An application's token comes in the Authorization header only: a route that does not read it never sees one.
    if (kinds.includes('bearer') && !access.admitsApplications) refusals.push(`an application’s token (client credentials grant): “${ACCESS_REFUSAL_DESCRIPTIONS.application_not_admitted}”`);
    if (access.scopes.length > 0) refusals.push(`a token without ${scopeList(access.scopes)}: “${ACCESS_REFUSAL_DESCRIPTIONS.insufficient_scope}: ${access.scopes.join(' ')}”`);
  }
  if (access.roles.length > 0) refusals.push(`a caller without one of the roles ${access.roles.join(', ')}`);
  if (access.scopes.length > 0) requireScopes(operation, access.scopes);
  if (operation.requestBody) for (const status of [400, 413, 415] as const) errors.add(status);
  if (!access.neverNotFound && operation.parameters?.some((parameter) => 'in' in parameter && parameter.in === 'path')) errors.add(404);
  for (const status of errors) operation.responses[status] ??= errorResponse(status);
  const challenge = access.scopes.length > 0 ? insufficientScopeHeaders(access.scopes) : undefined;
  addCauses(operation, 403, { lead: 'The caller is authenticated but may not call this route', intro: 'The guard refuses' }, refusals, challenge);
  addCauses(operation, 503, { lead: 'The service could not tell who is calling: try again later', intro: 'The guard could not ask' }, outages);
}

/**
 * The ways into the route. One with `@Scopes` is documented with the Bearer header alone: that is
 * how applications, the callers such routes are for, present their tokens (a cookie is refused).
 */
function credentialKindsOf(access: RouteAccess, guard: ServiceGuard): readonly CredentialKind[] {
  if (access.scopes.length > 0) return ['bearer'];
  return access.credentialKinds.length > 0 ? access.credentialKinds : guard.credentialKinds;
}

function scopeList(scopes: readonly string[]): string {
  return scopes.map((scope) => `\`${scope}\``).join(' and ');
}

/**
 * Names the scopes in the description: OpenAPI 3.0 §4.7.30 lets a security requirement list scopes
 * only for `oauth2` and `openIdConnect` schemes; for the `http` bearer scheme the list MUST be empty.
 */
function requireScopes(operation: OperationObject, scopes: readonly string[]): void {
  const requirement = `The access token, in the \`Authorization\` header, must carry the scope${scopes.length > 1 ? 's' : ''} ${scopeList(scopes)}: auth grants scopes to applications (client credentials grant).`;
  operation.description = operation.description ? `${operation.description}\n\n${requirement}` : requirement;
}

/** RFC 6750 §3.1: the 403 of a missing scope challenges with `insufficient_scope` and names the scopes. */
function insufficientScopeHeaders(scopes: readonly string[]): HeadersObject {
  const example = `Bearer realm="…", error="insufficient_scope", error_description="…", scope="${scopes.join(' ')}"`;
  return { 'WWW-Authenticate': { description: `When a scope is missing: \`${example}\` (RFC 6750 §3.1)`, schema: { type: 'string' } } };
}

/**
 * Lists the guard's `causes` of the `status` answer: under the route's own description when it
 * declared one (its service answers that status for reasons of its own), else under `lead`.
 */
function addCauses(
  operation: OperationObject,
  status: 403 | 503,
  text: { lead: string; intro: string },
  causes: readonly string[],
  headers?: HeadersObject,
): void {
  if (causes.length === 0) return;
  const declared = operation.responses[status] as ResponseObject | undefined;
  const list = `${text.intro}:\n\n${causes.map((cause) => `- ${cause}`).join('\n')}`;
  operation.responses[status] = {
    ...errorResponse(status),
    ...declared,
    description: declared ? `${declared.description}\n\n${list}` : `${text.lead}. ${list}`,
    ...(headers && { headers: { ...declared?.headers, ...headers } }),
  };
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
