import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SESSION_HANDLERS } from './session-handlers.js';
import { sessionStoreFailure } from './session-store-unavailable.js';

/**
 * Runs the session handlers before a session route. They report a failing store through
 * `next(error)`, which would reach express's default HTML error page; here it becomes the JSON 503.
 */
@Injectable()
export class SessionMiddleware implements NestMiddleware {
  constructor(@Inject(SESSION_HANDLERS) private readonly handlers: RequestHandler[]) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    try {
      for (const handler of this.handlers) await runHandler(handler, request, response);
    } catch (error) {
      throw sessionStoreFailure('load', error);
    }
    next();
  }
}

function runHandler(handler: RequestHandler, request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void handler(request, response, (error?: unknown) => (error ? reject(error) : resolve()));
  });
}
