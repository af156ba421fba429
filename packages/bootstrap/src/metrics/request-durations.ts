import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { Histogram, type Registry } from 'prom-client';

/** The `route` of a request no route took: unknown paths, and requests refused before routing (a body over the limit). */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * From a millisecond up: the guard and a cached token cost well under one, a database round trip
 * a few (ENVIRONMENT.md), a timeout seconds.
 */
const BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type RequestDurations = Histogram<'method' | 'route' | 'status_code'>;

/** `http_request_duration_seconds`, registered in `registry`. */
export function requestDurationsIn(registry: Registry): RequestDurations {
  return new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request reaching the application to its answer, by method, route template and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: BUCKETS_SECONDS,
    registers: [registry],
  });
}

/**
 * Times every request that reaches it, until its answer is sent. The route label is the template
 * of the route express matched (`/threads/:id`): never the URL, so ids and made-up paths cannot
 * multiply the series. A request whose client went away before the answer is not counted (no `finish`).
 */
export function measureRequestDurations(durations: RequestDurations): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const startedAt = performance.now();
    response.once('finish', () => {
      durations.observe({ method: request.method, route: routeLabelOf(request.route), status_code: response.statusCode }, (performance.now() - startedAt) / 1000);
    });
    next();
  };
}

/** Each route's label, worked out the first time the route answers: a lookup per request, no string work. */
const routeLabels = new WeakMap<object, string>();

function routeLabelOf(route: { path: unknown } | undefined): string {
  if (route === undefined) return UNMATCHED_ROUTE;
  let label = routeLabels.get(route);
  if (label === undefined) {
    // Nest answers 404 for every unknown path through a catch-all route (`{/*splat}`): not a route of the service.
    label = String(route.path).includes('*') ? UNMATCHED_ROUTE : String(route.path);
    routeLabels.set(route, label);
  }
  return label;
}
