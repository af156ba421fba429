import { createParamDecorator, type ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser, CredentialKind, Role } from './authenticated-user.js';
import type { AuthenticatedClient, Principal } from './principal.js';
import { ACCESS_REFUSAL_DESCRIPTIONS } from './rejections/access-refusal.js';

/** Metadata key set by {@link Public}. */
export const IS_PUBLIC = 'sso:public';
/** Metadata key set by {@link Roles}. */
export const REQUIRED_ROLES = 'sso:roles';
/** Metadata key set by {@link Scopes}. */
export const REQUIRED_SCOPES = 'sso:scopes';
/** Metadata key set by {@link AllowApplications}. */
export const ALLOWS_APPLICATIONS = 'sso:allow-applications';
/** Metadata key set by {@link AuthenticateWith}. */
export const AUTHENTICATE_WITH = 'sso:authenticate-with';
/** RFC 6749 §3.3 scope-token: printable ASCII but space, `"` and `\`, so it also fits a quoted challenge parameter. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** The route (or every route of the controller) needs no caller. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles, else 403. Checked after authentication; an application holds no roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/**
 * The caller's access token must carry every one of these scopes, else 403 with
 * `WWW-Authenticate: Bearer error="insufficient_scope"` (RFC 6750 §3.1). Users and applications
 * alike: a user token has `openid profile email`; a session has no scopes at all. A route with
 * scopes admits applications (see {@link AllowApplications}).
 */
export const Scopes = (...scopes: string[]): MethodDecorator & ClassDecorator => {
  const malformed = scopes.find((scope) => !SCOPE_TOKEN.test(scope));
  if (malformed !== undefined) throw new Error(`@Scopes: ${JSON.stringify(malformed)} is not a scope token (RFC 6749 §3.3)`);
  return SetMetadata(REQUIRED_SCOPES, scopes);
};

/**
 * Applications' tokens (client credentials) are admitted here without a scope requirement. Every
 * other route without `@Scopes` is for users only: an application is refused there with 403.
 */
export const AllowApplications = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOWS_APPLICATIONS, true);

/** Only these ways in may authenticate the route (by default, every way the service takes). */
export const AuthenticateWith = (...kinds: CredentialKind[]): MethodDecorator & ClassDecorator => SetMetadata(AUTHENTICATE_WITH, kinds);

/** The {@link Principal} the guard accepted, a user or an application: read its `kind`. */
export const CurrentPrincipal: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => principalOf(context),
);

/**
 * The {@link AuthenticatedUser} the guard accepted. On a route that admits applications too, an
 * application reaching a handler that asked for a user is refused with 403 rather than handed in
 * as one: use `@CurrentPrincipal()` where both are served.
 */
export const CurrentUser: () => ParameterDecorator = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const principal = principalOf(context);
  if (principal?.kind === 'client') throw new ForbiddenException(ACCESS_REFUSAL_DESCRIPTIONS.application_not_admitted);
  return principal;
});

/** The {@link AuthenticatedClient} the guard accepted; a user reaching a handler that asked for an application gets 403. */
export const CurrentClient: () => ParameterDecorator = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedClient => {
  const principal = principalOf(context);
  if (principal?.kind !== 'client') throw new ForbiddenException('This route is for applications: call it with a client credentials token');
  return principal;
});

function principalOf(context: ExecutionContext): Principal {
  return context.switchToHttp().getRequest().user;
}
