import type { INestApplication, Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ALLOWS_APPLICATIONS, AUTHENTICATE_WITH, type CredentialKind, IS_PUBLIC, REQUIRED_ROLES, REQUIRED_SCOPES, type Role } from '@sso/guard';
import { NEVER_NOT_FOUND } from './error-responses.js';

/** Who may call a route, as the shared guard reads it from the route's decorators, and what the route says of its own answers. */
export interface RouteAccess {
  isPublic: boolean;
  roles: readonly Role[];
  /** The ways in `@AuthenticateWith` restricts the route to; empty: the service's usual ones. */
  credentialKinds: readonly CredentialKind[];
  /** The scopes `@Scopes` requires of the token; empty when the route names none. */
  scopes: readonly string[];
  /** Whether an application's token may call it: a route with scopes, or marked `@AllowApplications()`. */
  admitsApplications: boolean;
  /** `@ApiNeverNotFound()`: a path parameter that selects rather than names a resource, so no 404. */
  neverNotFound: boolean;
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
        const scopes = reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, targets) ?? [];
        access.set(operationId(controller.name, method), {
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
          roles: reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [],
          credentialKinds: reflector.getAllAndOverride<CredentialKind[]>(AUTHENTICATE_WITH, targets) ?? [],
          scopes,
          admitsApplications: scopes.length > 0 || reflector.getAllAndOverride<boolean>(ALLOWS_APPLICATIONS, targets) === true,
          neverNotFound: reflector.getAllAndOverride<boolean>(NEVER_NOT_FOUND, targets) === true,
        });
      }
    }
  }
  return access;
}
