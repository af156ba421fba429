import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser, Role } from './authenticated-user.js';

export const IS_PUBLIC = 'sso:isPublic';
export const REQUIRED_ROLES = 'sso:requiredRoles';

/** The route (or every route of the controller) needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of `roles`; otherwise 403. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The {@link AuthenticatedUser} the access token describes. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
