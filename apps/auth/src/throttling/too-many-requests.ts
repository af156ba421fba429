import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/**
 * 429 Too Many Requests (RFC 6585 §4), answered like every other error, `{statusCode, error,
 * message}`, with `Retry-After` in whole seconds (RFC 9110 §10.2.3), at least 1.
 */
export class TooManyRequests extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super(`${reason}; try again in ${retryAfterSeconds} seconds`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Sets `Retry-After` on `response` and returns the 429 to throw, for a wait of `waitMs`. */
export function tooManyRequests(response: Response, waitMs: number, reason: string): TooManyRequests {
  const refusal = new TooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)), reason);
  response.setHeader('Retry-After', String(refusal.retryAfterSeconds));
  return refusal;
}
