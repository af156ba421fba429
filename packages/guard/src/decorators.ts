import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser, CredentialKind, Role } from './authenticated-user.js';

/** Metadata key set by {@link Public}. */
export const IS_PUBLIC = 'sso:public';
/** Metadata key set by {@link Roles}. */
export const REQUIRED_ROLES = 'sso:roles';
/** Metadata key set by {@link AuthenticateWith}. */
export const AUTHENTICATE_WITH = 'sso:authenticate-with';

/** The route (or every route of the controller) needs no caller. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles, else 403. Checked after authentication. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** Only these ways in may authenticate the route (by default, every way the service takes). */
export const AuthenticateWith = (...kinds: CredentialKind[]): MethodDecorator & ClassDecorator => SetMetadata(AUTHENTICATE_WITH, kinds);

/** The {@link AuthenticatedUser} the guard accepted. */
export const CurrentUser: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
