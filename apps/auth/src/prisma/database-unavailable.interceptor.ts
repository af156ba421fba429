import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor, ServiceUnavailableException } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { Prisma } from '../generated/prisma/client.js';

/**
 * Answers 503 instead of 500 when auth's database cannot be reached: the request was fine and may
 * succeed later (RFC 9110 §15.6.4). Prisma reports connection failures with its `P1xxx` codes
 * (P1001 "can't reach database server", P1017 "server has closed the connection", ...).
 */
@Injectable()
export class DatabaseUnavailableInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Database');

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.translate(error))));
  }

  private translate(error: unknown): unknown {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || !error.code.startsWith('P1')) return error;
    this.logger.error(`Database unreachable (${error.code})`);
    return new ServiceUnavailableException('The database is unavailable; try again later');
  }
}
