import { type CallHandler, type NestInterceptor, ServiceUnavailableException } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import type { DatabaseOutage } from './database-outage.js';
import { isDatabaseUnavailable } from './database-unavailable.js';

/**
 * Answers 503 instead of 500 (or a hang) when the service's database is down or does not answer:
 * the request was fine and may succeed later (RFC 9110 §15.6.4). The wait is bounded by the pool's
 * timeouts (`databasePoolConfig` in @sso/database). The outage is logged by {@link DatabaseOutage}.
 */
export class DatabaseUnavailableInterceptor implements NestInterceptor {
  constructor(private readonly outage: DatabaseOutage) {}

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.translate(error))));
  }

  private translate(error: unknown): unknown {
    if (!isDatabaseUnavailable(error)) return error;
    // Prisma's message starts with the invocation and ends with the cause: keep the cause.
    this.outage.report((error as Error).message.trim().split('\n').at(-1)!);
    return new ServiceUnavailableException('The database is unavailable; try again later');
  }
}
