import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser, Role } from './authenticated-user.js';

/** Metadata key set by {@link Public}. */
export const IS_PUBLIC = 'sso:public';
/** Metadata key set by {@link Roles}. */
export const REQUIRED_ROLES = 'sso:roles';

/** The route (or every route of the controller) needs no access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles, else 403. Checked after the token is verified. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** The {@link AuthenticatedUser} of the verified access token. */
export const CurrentUser: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
