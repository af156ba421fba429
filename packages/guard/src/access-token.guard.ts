import { type ExecutionContext, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { BEARER_JWT_STRATEGY } from './access-token.strategy.js';
import { IS_PUBLIC } from './decorators.js';
import { rejectionReasonOf } from './rejection-reason.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from './sso-guard.options.js';
import { REJECTION_DESCRIPTIONS, TokenRejectedError, type TokenRejectionReason } from './token-rejection.js';

/**
 * The passport strategies tried in order; the first to accept the request wins. Another way in
 * (a session cookie, an API key) is one more name here and one more strategy provider.
 */
const AUTHENTICATION_STRATEGIES = [BEARER_JWT_STRATEGY];

/** What the guard leaves on a refused request, for the request log line. */
interface RefusedRequest {
  authRejection?: TokenRejectionReason;
}

/**
 * The global guard: every route needs a valid access token unless marked `@Public()`. A refused
 * request gets 401 with a `WWW-Authenticate: Bearer` challenge (RFC 6750 §3), its reason recorded
 * on the request (`authRejection`) and logged once. The token itself is never logged.
 */
@Injectable()
export class AccessTokenGuard extends AuthGuard(AUTHENTICATION_STRATEGIES) {
  private readonly logger = new Logger('AccessTokenGuard');
  private readonly challenge: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings,
  ) {
    super();
    this.challenge = `Bearer realm="${settings.realm}"`;
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  /**
   * Called by passport once every strategy has answered. `info` lists one failure per strategy;
   * the request is refused for the first credentials it did present, or else for presenting none.
   */
  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown, context: ExecutionContext): TUser {
    if (user) return user;
    if (error && !(error instanceof TokenRejectedError)) throw error;
    const failures: unknown[] = error ? [error] : Array.isArray(info) ? info : [info];
    const failure = failures.find((each) => rejectionReasonOf(each) !== 'missing_token') ?? failures[0];
    const reason = rejectionReasonOf(failure);
    const description = failure instanceof TokenRejectedError ? failure.message : REJECTION_DESCRIPTIONS[reason];
    throw this.refuse(context, reason, description);
  }

  private refuse(context: ExecutionContext, reason: TokenRejectionReason, description: string): UnauthorizedException {
    const http = context.switchToHttp();
    http.getRequest<RefusedRequest>().authRejection = reason;
    this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'WWW-Authenticate', this.challengeFor(reason, description));
    this.logger.warn(`Access token rejected (${reason}): ${description}`);
    return new UnauthorizedException(description);
  }

  /** RFC 6750 §3.1: no error code when the request carried no token, `invalid_token` otherwise. */
  private challengeFor(reason: TokenRejectionReason, description: string): string {
    if (reason === 'missing_token') return this.challenge;
    return `${this.challenge}, error="invalid_token", error_description="${description}"`;
  }
}
