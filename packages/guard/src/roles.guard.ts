import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './authenticated-user.js';
import { REQUIRED_ROLES } from './decorators.js';
import type { Principal } from './principal.js';

/**
 * The global guard behind {@link AuthenticationGuard}: a route marked `@Roles(...)` needs a caller
 * holding at least one of those roles, else 403 naming them. Routes without `@Roles` pass. Roles
 * are a person's: an application holds none, so `@Roles` never admits one, whatever its scopes.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const caller = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (caller?.kind === 'user' && caller.roles.some((role) => required.includes(role))) return true;
    throw new ForbiddenException(`Requires one of the roles: ${required.join(', ')}`);
  }
}
