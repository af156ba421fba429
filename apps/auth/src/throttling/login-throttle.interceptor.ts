import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, UnauthorizedException, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, mergeMap, type Observable } from 'rxjs';
import { clientIp } from './client-ip.js';
import { LoginThrottle } from './login-throttle.js';
import { tooManyRequests } from './too-many-requests.js';

/**
 * Puts a login route under the failed-login lockout (LoginThrottle): before the handler, the
 * attempt for the body's email from the client's address is admitted or refused with 429; after
 * it, the attempt is settled by how the handler ended: a 401 (unknown email or wrong password, the
 * only 401 a login answers) is a failure, an answer a success, anything else is not counted.
 */
@Injectable()
export class LoginThrottleInterceptor implements NestInterceptor {
  constructor(private readonly logins: LoginThrottle) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const email: unknown = request.body?.email;
    // No email to count against: validation answers 400 before any password is checked.
    if (typeof email !== 'string') return next.handle();
    const admission = await this.logins.admit(email, clientIp(request));
    if (!admission.admitted) {
      throw tooManyRequests(http.getResponse<Response>(), admission.waitMs, 'Too many failed logins for this account from this address');
    }
    const { attempt } = admission;
    return next.handle().pipe(
      mergeMap(async (answer: unknown) => {
        await attempt.succeeded();
        return answer;
      }),
      catchError(async (error: unknown) => {
        if (error instanceof UnauthorizedException) attempt.failed();
        else await attempt.abandoned();
        throw error;
      }),
    );
  }
}

/** The failed-login lockout of the contract, on the decorated login route. */
export const ThrottleFailedLogins = (): MethodDecorator => UseInterceptors(LoginThrottleInterceptor);
