import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** The one error body of every service: `{statusCode, error, message}`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

/**
 * Turns anything thrown into the contract's JSON error. Nest already raises the body parser's
 * failures (malformed JSON, a body over the limit) as HttpExceptions; anything unexpected becomes a
 * bare 500 and is logged, so a stack trace never reaches a client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const answer = exception.getResponse();
      const message =
        typeof answer === 'object' && answer !== null && 'message' in answer
          ? (answer.message as string | string[])
          : exception.message;
      return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
    }
    const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
    return { statusCode, error: STATUS_CODES[statusCode]!, message: 'Internal server error' };
  }
}
