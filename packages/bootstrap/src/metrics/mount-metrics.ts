import type { INestApplication } from '@nestjs/common';
import { guardMetricsRegistry } from '@sso/guard';
import type { Application, Request, Response } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type MetricsAccess, metricsAccess } from './metrics-access.js';
import { measureRequestDurations, requestDurationsIn } from './request-durations.js';

/** Where the metrics are served. */
export const METRICS_PATH = '/metrics';

/** The refusals of {@link metricsAccess}, as the contract's JSON errors. */
const REFUSALS: Record<Exclude<MetricsAccess, 'allowed'>, { statusCode: 401 | 403; message: string }> = {
  missing_token: { statusCode: 401, message: 'Metrics token missing: send it as Authorization: Bearer <METRICS_TOKEN>' },
  wrong_token: { statusCode: 401, message: 'Metrics token is invalid' },
  not_loopback: { statusCode: 403, message: 'Metrics are served to this machine only unless METRICS_TOKEN is set' },
};

/**
 * Serves `GET /metrics` in Prometheus text format, restricted as {@link metricsAccess} says, and
 * times every request mounted after this call (`http_request_duration_seconds`). Mounted like
 * `/health`, outside Nest's router: the access-token guard does not apply, and neither the probes
 * nor the scrapes themselves are timed. Beside the service's own histogram it serves the guard's
 * counters and the process's (CPU, memory, event loop, garbage collection).
 */
export function mountMetrics(app: INestApplication, metricsToken: string | undefined): void {
  const serviceRegistry = new Registry();
  const durations = requestDurationsIn(serviceRegistry);
  const served = Registry.merge([processMetrics(), serviceRegistry, guardMetricsRegistry]);
  const access = metricsAccess(metricsToken);
  const express: Application = app.getHttpAdapter().getInstance();
  express.get(METRICS_PATH, async (request: Request, response: Response) => {
    const verdict = access(request);
    if (verdict !== 'allowed') {
      const { statusCode, message } = REFUSALS[verdict];
      // RFC 6750 §3: no error code when no token came, `invalid_token` for a wrong one.
      if (statusCode === 401) response.setHeader('WWW-Authenticate', `Bearer realm="metrics"${verdict === 'wrong_token' ? ', error="invalid_token"' : ''}`);
      response.status(statusCode).json({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message });
      return;
    }
    response.type(served.contentType).send(await served.metrics());
  });
  app.use(measureRequestDurations(durations));
}

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics, collected once per process however many apps it runs (a test
 * starts several): they describe the process, and each collector watches it for as long as it lives.
 */
function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
