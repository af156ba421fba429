import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { CredentialKind } from '../authenticated-user.js';
import { ALLOWS_APPLICATIONS, AUTHENTICATE_WITH, IS_PUBLIC, REQUIRED_SCOPES } from '../decorators.js';
import type { RouteAccess } from './route-access.js';

/** What the guard needs to know of a route, from its decorators (the handler's override its controller's). */
export interface RouteRules {
  /** `@Public()`: no caller needed. */
  isPublic: boolean;
  /** The ways in the route takes, in the order they are tried: its `@AuthenticateWith`, or every way the service takes. */
  kinds: readonly CredentialKind[];
  /** The passport strategy behind each of {@link kinds}, in the same order. */
  strategies: readonly string[];
  /** What the route asks of a caller once authenticated: `@Scopes`, `@AllowApplications`. */
  access: RouteAccess;
}

/**
 * Reads each route's {@link RouteRules} once, on its first request, and keeps them: decorators
 * write their metadata when the class is defined and nothing changes it afterwards, so reading it
 * again on every request (four reflector lookups, two arrays each) would only cost time.
 * Keyed by controller, then handler: a handler inherited by two controllers may meet different
 * controller-level decorators.
 */
export class RouteRulesReader {
  private readonly byController = new WeakMap<object, Map<object, RouteRules>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly serviceKinds: readonly CredentialKind[],
    private readonly strategyOf: Readonly<Record<CredentialKind, string>>,
  ) {}

  of(context: ExecutionContext): RouteRules {
    const controller = context.getClass();
    const handler = context.getHandler();
    let routes = this.byController.get(controller);
    if (routes === undefined) this.byController.set(controller, (routes = new Map()));
    let rules = routes.get(handler);
    if (rules === undefined) routes.set(handler, (rules = this.read([handler, controller])));
    return rules;
  }

  private read(targets: [object, object]): RouteRules {
    const lookup = <T>(key: string) => this.reflector.getAllAndOverride<T | undefined>(key, targets as never);
    const kinds = lookup<CredentialKind[]>(AUTHENTICATE_WITH) ?? this.serviceKinds;
    const scopes = lookup<string[]>(REQUIRED_SCOPES) ?? [];
    return {
      isPublic: lookup<boolean>(IS_PUBLIC) === true,
      kinds,
      strategies: kinds.map((kind) => this.strategyOf[kind]),
      access: { scopes, admitsApplications: lookup<boolean>(ALLOWS_APPLICATIONS) === true || scopes.length > 0 },
    };
  }
}
