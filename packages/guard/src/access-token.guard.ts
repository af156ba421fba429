import { type ExecutionContext, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { BEARER_JWT_STRATEGY } from './access-token.strategy.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { IS_PUBLIC } from './decorators.js';
import { type ResolvedSsoGuardOptions, SSO_GUARD_OPTIONS } from './sso-guard.options.js';
import { REJECTION_DESCRIPTIONS, type TokenRejectedError, toTokenRejection } from './token-rejection.js';

/**
 * The passport strategies tried in order. A new way to authenticate (a session cookie, an API key)
 * registers its own strategy and joins this list; the Bearer strategy stays as it is.
 */
export const AUTHENTICATION_STRATEGIES = [BEARER_JWT_STRATEGY];

/** What the request log line records about a refusal. */
export type RequestWithRejection = Request & { authRejection?: string };

/**
 * Registered globally: every route needs a valid access token unless marked `@Public()`. A refusal
 * is a 401 with the RFC 6750 §3 challenge: without an error code when the request carried no
 * token, with `error="invalid_token"` and the reason in words when it carried a bad one.
 */
@Injectable()
export class AccessTokenGuard extends AuthGuard(AUTHENTICATION_STRATEGIES) {
  private readonly logger = new Logger(AccessTokenGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(SSO_GUARD_OPTIONS) private readonly options: ResolvedSsoGuardOptions,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<User = AuthenticatedUser>(error: unknown, user: User | false, info: unknown, context: ExecutionContext): User {
    if (user && !error) return user;
    if (error && !isRejection(error)) throw error; // a fault, not a verdict on the token: 500
    const rejection = mostTelling(error ?? info);
    const http = context.switchToHttp();
    http.getRequest<RequestWithRejection>().authRejection = rejection.reason;
    http.getResponse<Response>().setHeader('WWW-Authenticate', this.challenge(rejection));
    if (rejection.reason !== 'missing_token') this.logger.warn({ authRejection: rejection.reason }, `Access token refused: ${rejection.message}`);
    throw new UnauthorizedException(rejection.message);
  }

  private challenge(rejection: TokenRejectedError): string {
    const realm = `Bearer realm="${this.options.realm}"`;
    if (rejection.reason === 'missing_token') return realm;
    return `${realm}, error="invalid_token", error_description="${REJECTION_DESCRIPTIONS[rejection.reason]}"`;
  }
}

function isRejection(error: unknown): boolean {
  return error instanceof Error && error.name === 'TokenRejectedError';
}

/** With several strategies passport reports one failure each; a bad token outranks an absent one. */
function mostTelling(failure: unknown): TokenRejectedError {
  const rejections = (Array.isArray(failure) ? failure : [failure]).map(toTokenRejection);
  return rejections.find((rejection) => rejection.reason !== 'missing_token') ?? rejections[0]!;
}
