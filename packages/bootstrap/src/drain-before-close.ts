import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Longest wait for the requests under way; then the shutdown goes on regardless. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Shuts a service down without failing a request. Nest's shutdown (SIGTERM, or `app.close()`) runs
 * the modules' destroy hooks, which end the database pools, before it stops the HTTP server: a
 * request still waiting for its query would meet an ended pool, a 500 that a load balancer does
 * not retry. The first step of that shutdown is the adapter's `beforeClose`: from there on, new
 * requests are answered 503 with `Connection: close` (nginx's `proxy_next_upstream http_503`
 * retries them on another replica), and the shutdown waits until the requests under way have
 * answered.
 */
export function drainRequestsBeforeClose(app: NestExpressApplication): void {
  let closing = false;
  let underWay = 0;
  let onDrained: (() => void) | undefined;
  app.use((_request: Request, response: Response, next: NextFunction) => {
    if (closing) {
      response.set('Connection', 'close');
      response.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: 'The service is shutting down; try again' });
      return;
    }
    underWay += 1;
    response.once('close', () => {
      underWay -= 1;
      if (underWay === 0) onDrained?.();
    });
    next();
  });
  const adapter = app.getHttpAdapter();
  const beforeClose = adapter.beforeClose?.bind(adapter);
  adapter.beforeClose = async () => {
    beforeClose?.();
    closing = true;
    if (underWay === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
      onDrained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  };
}
