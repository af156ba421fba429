import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { HttpErrorFilter } from '@sso/bootstrap';
import type { Response } from 'express';
import { TooManyRequests } from '../throttling/too-many-requests.js';

/** The error codes of RFC 6749 §5.2 (and RFC 8707 §2's `invalid_target`) that these endpoints use. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope' | 'invalid_target';

/** The challenge of a failed client authentication: the scheme of client_secret_basic (RFC 6749 §2.3.1). */
export const CLIENT_CHALLENGE = 'Basic realm="sso"';

/**
 * A token- or introspection-endpoint failure, answered as RFC 6749 §5.2 says rather than in the
 * services' error shape: 400, except `invalid_client`, which is 401.
 */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
  }

  get status(): 400 | 401 {
    return this.code === 'invalid_client' ? 401 : 400;
  }
}

/**
 * Renders {@link OAuthError} as `400 {error, error_description}` with `Cache-Control: no-store`
 * (RFC 6749 §5.1); `invalid_client` as 401 with a `WWW-Authenticate: Basic` challenge. §5.2 asks
 * for the challenge when the client tried Basic; it is sent on every 401, since RFC 9110 §15.5.2
 * requires one on any 401 and it tells a client that sent none how to authenticate. Anything else raised on the token endpoint (a body over the limit, malformed
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
      if (exception.status === 401) response.setHeader('WWW-Authenticate', CLIENT_CHALLENGE);
      response.status(exception.status).json({ error: exception.code, error_description: exception.description });
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      response.status(exception.getStatus()).json({ error: 'invalid_request', error_description: exception.message });
      return;
    }
    throw exception;
  }
}
