import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { CachedAuthentication, type TokenSources } from './access-token/cached-authentication.js';
import { CREDENTIAL_KINDS, type CredentialKind } from './authenticated-user.js';
import { BEARER_TOKEN_STRATEGY, bearerToken } from './bearer/bearer-token.strategy.js';
import { INTROSPECTION_STRATEGY } from './introspection/introspection.strategy.js';
import { crossOriginRefusal, foreignOriginOf } from './origin/cross-origin.js';
import { authenticate, type AuthenticationOutcome } from './passport-authenticate.js';
import type { Principal } from './principal.js';
import type { AccessRefusalReason } from './rejections/access-refusal.js';
import { DependencyUnavailableError } from './rejections/dependency-unavailable.js';
import { RefusalSummary } from './rejections/refusal-summary.js';
import { rejectionReasonOf } from './rejections/rejection-reason.js';
import { REJECTION_DESCRIPTIONS, SESSION_REJECTIONS, TokenRejectedError, type TokenRejectionReason } from './rejections/token-rejection.js';
import { accessRefusalOf, type RouteAccess } from './route-access/route-access.js';
import { type RouteRules, RouteRulesReader } from './route-access/route-rules.js';
import { SESSION_COOKIE_STRATEGY } from './session-cookie/session-cookie.strategy.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from './sso-guard.options.js';
import { TOKEN_COOKIE_STRATEGY, tokenFromCookie } from './token-cookie/token-cookie.strategy.js';

/**
 * The passport strategy behind each way in, tried in this order; the first to accept the request
 * wins. A Bearer token is verified here, or asked about at auth when the service introspects.
 */
function strategiesOf(settings: SsoGuardSettings): Readonly<Record<CredentialKind, string>> {
  return {
    bearer: settings.introspection ? INTROSPECTION_STRATEGY : BEARER_TOKEN_STRATEGY,
    'token-cookie': TOKEN_COOKIE_STRATEGY,
    'session-cookie': SESSION_COOKIE_STRATEGY,
  };
}

/**
 * The ways in the verified-token cache can answer for: the access tokens this service verifies
 * itself. An introspected Bearer token is not one of them: asking auth every time is the point.
 */
function tokenSourcesOf(settings: SsoGuardSettings): TokenSources {
  return settings.introspection ? { 'token-cookie': tokenFromCookie } : { bearer: bearerToken, 'token-cookie': tokenFromCookie };
}

/** What the guard leaves on a refused request, for the request log line. */
interface RefusedRequest {
  authRejection?: TokenRejectionReason | AccessRefusalReason | 'foreign_origin';
}

/**
 * The global guard: every route needs a caller unless marked `@Public()`, proved by any way in the
 * service takes (a route may narrow them with `@AuthenticateWith`). Everything the ways in share
 * happens here, once:
 * - a refused request gets 401 with a `WWW-Authenticate: Bearer` challenge (RFC 6750 §3), its
 *   reason recorded on the request (`authRejection`, on the request log line) and counted in a
 *   {@link RefusalSummary}, one `warn` line per burst; credentials themselves are never logged;
 * - a request a cookie authenticated that would change state, from a foreign `Origin`, gets 403
 *   (CSRF: the browser attaches cookies to other sites' requests, never an `Authorization` header);
 * - a caller the route does not admit gets 403, recorded and counted like a 401: an application
 *   on a route for users, or a token without the route's `@Scopes` (with an `insufficient_scope`
 *   challenge, RFC 6750 §3.1);
 * - a session store or an introspection endpoint that cannot be asked answers 503, not 401: the
 *   caller did nothing wrong;
 * - a token that verified before is answered from the verified-token cache, before any strategy
 *   runs (see {@link CachedAuthentication}).
 */
@Injectable()
export class AuthenticationGuard implements CanActivate, OnModuleDestroy {
  private readonly logger = new Logger('AuthenticationGuard');
  private readonly refusals = new RefusalSummary(this.logger);
  private readonly challenge: string;
  private readonly routes: RouteRulesReader;
  private readonly cached: CachedAuthentication | undefined;

  constructor(
    reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SSO_GUARD_SETTINGS) private readonly settings: SsoGuardSettings,
  ) {
    this.challenge = `Bearer realm="${settings.realm}"`;
    const serviceKinds = CREDENTIAL_KINDS.filter((kind) => kind !== 'session-cookie' || settings.sessionStore !== undefined);
    this.routes = new RouteRulesReader(reflector, serviceKinds, strategiesOf(settings));
    this.cached = settings.tokenCache && new CachedAuthentication(settings.tokenCache, tokenSourcesOf(settings));
  }

  /** A service that stops still logs the refusals of its last moments. */
  onModuleDestroy(): void {
    this.refusals.flush();
  }

  /** Synchronous when the verified-token cache answers (most requests), a promise when a strategy must run. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const route = this.routes.of(context);
    if (route.isPublic) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & RefusedRequest>();
    const response = http.getResponse<Response>();
    const cached = this.cached?.outcome(route.kinds, request);
    if (cached !== undefined) return this.decide(cached, request, response, route);
    return authenticate(route.strategies, request, response).then((outcome) => this.decide(outcome, request, response, route));
  }

  /** The caller, admitted (true), or the exception that refuses the request, thrown. */
  private decide(outcome: AuthenticationOutcome, request: Request & RefusedRequest, response: Response, route: RouteRules): boolean {
    if ('user' in outcome) {
      if (outcome.user.via !== 'bearer') this.refuseForeignOrigin(request);
      this.refuseUnadmitted(request, response, outcome.user, route.access);
      request.user = outcome.user;
      return true;
    }
    if ('error' in outcome && outcome.error instanceof DependencyUnavailableError) {
      this.logger.warn(`${outcome.error.dependency} unavailable: ${outcome.error.message}`);
      throw new ServiceUnavailableException(`${outcome.error.dependency} unavailable, try again later`);
    }
    if ('error' in outcome && !(outcome.error instanceof TokenRejectedError)) throw outcome.error;
    throw this.refuse(request, response, 'error' in outcome ? [outcome.error] : outcome.failures, route.kinds);
  }

  /** The request is refused for the first credentials it did present, or else for presenting none. */
  private refuse(request: Request & RefusedRequest, response: Response, failures: unknown[], kinds: readonly CredentialKind[]): UnauthorizedException {
    const failure = failures.find((each) => rejectionReasonOf(each) !== 'missing_token') ?? failures[0];
    let reason = rejectionReasonOf(failure);
    if (reason === 'missing_token' && !kinds.some((kind) => kind !== 'session-cookie')) reason = 'missing_session';
    const description = failure instanceof TokenRejectedError ? failure.message : REJECTION_DESCRIPTIONS[reason];
    request.authRejection = reason;
    this.refusals.record(reason, request.ip);
    this.adapterHost.httpAdapter.setHeader(response, 'WWW-Authenticate', this.challengeFor(reason, description));
    return new UnauthorizedException(description);
  }

  /**
   * RFC 6750 §3.1: no error code when the request carried no token, `invalid_token` when it carried
   * a bad one. A session cookie is not a bearer token, so its refusals carry no error code either.
   */
  private challengeFor(reason: TokenRejectionReason, description: string): string {
    if (reason === 'missing_token' || SESSION_REJECTIONS.has(reason)) return this.challenge;
    return `${this.challenge}, error="invalid_token", error_description="${description}"`;
  }

  /** 403 for a caller the route does not admit (see {@link accessRefusalOf}). */
  private refuseUnadmitted(request: Request & RefusedRequest, response: Response, principal: Principal, access: RouteAccess): void {
    const refusal = accessRefusalOf(principal, access);
    if (refusal === undefined) return;
    request.authRejection = refusal.reason;
    this.refusals.record(refusal.reason, request.ip);
    if (refusal.reason === 'insufficient_scope') {
      const challenge = `${this.challenge}, error="insufficient_scope", error_description="${refusal.message}", scope="${access.scopes.join(' ')}"`;
      this.adapterHost.httpAdapter.setHeader(response, 'WWW-Authenticate', challenge);
    }
    throw new ForbiddenException(refusal.message);
  }

  private refuseForeignOrigin(request: Request & RefusedRequest): void {
    const origin = foreignOriginOf(request, this.settings.allowedOrigins);
    if (origin === undefined) return;
    request.authRejection = 'foreign_origin';
    this.logger.warn(`Request refused (foreign_origin): ${request.method} from ${origin}`);
    throw new ForbiddenException(crossOriginRefusal(origin));
  }
}
