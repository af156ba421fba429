import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { HttpErrorFilter } from '@sso/bootstrap';
import type { Response } from 'express';
import { TooManyRequests } from '../throttling/too-many-requests.js';

/** The error codes of RFC 6749 §5.2 that this token endpoint uses. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type';

/** A token-endpoint failure, answered as RFC 6749 §5.2 says rather than in the services' error shape. */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * Renders {@link OAuthError} as `400 {error, error_description}` with `Cache-Control: no-store`
 * (RFC 6749 §5.1). Anything else raised on the token endpoint (a body over the limit, malformed
 * input) becomes `invalid_request` with its own status, so OAuth clients always get their shape.
 * A throttled request is the exception: its 429 keeps the contract's shape, as on every route.
 */
@Catch()
export class OAuthErrorFilter implements ExceptionFilter {
  private readonly contractErrors = new HttpErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Pragma', 'no-cache');
    if (exception instanceof TooManyRequests) {
      this.contractErrors.catch(exception, host);
      return;
    }
    if (exception instanceof OAuthError) {
      response.status(400).json({ error: exception.code, error_description: exception.description });
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      response.status(exception.getStatus()).json({ error: 'invalid_request', error_description: exception.message });
      return;
    }
    throw exception;
  }
}
