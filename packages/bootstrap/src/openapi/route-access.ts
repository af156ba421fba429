import type { INestApplication, Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { AUTHENTICATE_WITH, type CredentialKind, IS_PUBLIC, REQUIRED_ROLES, type Role } from '@sso/guard';

/** Who may call a route, as the shared guard reads it from the route's decorators. */
export interface RouteAccess {
  isPublic: boolean;
  roles: readonly Role[];
  /** The ways in `@AuthenticateWith` restricts the route to; empty: the service's usual ones. */
  credentialKinds: readonly CredentialKind[];
}

/** The operation id the document gives each handler, so the two can be matched up again. */
export function operationId(controllerName: string, methodName: string): string {
  return `${controllerName}_${methodName}`;
}

/**
 * Every handler's {@link RouteAccess}, by {@link operationId}, read with the same metadata keys and
 * precedence (handler over controller) as the guard, so the document cannot drift from it.
 */
export function routeAccessByOperation(app: INestApplication): Map<string, RouteAccess> {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type | null;
      if (!controller) continue;
      for (const method of scanner.getAllMethodNames(controller.prototype)) {
        const targets = [controller.prototype[method] as () => unknown, controller];
        access.set(operationId(controller.name, method), {
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
          roles: reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [],
          credentialKinds: reflector.getAllAndOverride<CredentialKind[]>(AUTHENTICATE_WITH, targets) ?? [],
        });
      }
    }
  }
  return access;
}
