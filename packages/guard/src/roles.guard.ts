import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedUser, Role } from './authenticated-user.js';
import { REQUIRED_ROLES } from './decorators.js';

/**
 * The global guard behind {@link AuthenticationGuard}: a route marked `@Roles(...)` needs a caller
 * holding at least one of those roles, else 403 naming them. Routes without `@Roles` pass.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (user?.roles.some((role) => required.includes(role))) return true;
    throw new ForbiddenException(`Requires one of the roles: ${required.join(', ')}`);
  }
}
