import type { OperationObject, SecuritySchemeObject } from '@nestjs/swagger';
import { CHALLENGE_HEADERS, errorResponse } from '../openapi/error-responses.js';

/** The name of {@link METRICS_SECURITY_SCHEME} in `components.securitySchemes`. */
export const METRICS_SECURITY = 'metricsToken';

/** What `GET /metrics` asks for: the operators' token, not a user's access token. */
export const METRICS_SECURITY_SCHEME: SecuritySchemeObject = {
  type: 'http',
  scheme: 'bearer',
  description: 'The service’s METRICS_TOKEN. When it is not set, `/metrics` answers callers on the same machine only, without a token.',
};

/** `GET /metrics` (mount-metrics.ts), answered by the bootstrap rather than a controller. */
export const METRICS_OPERATION: OperationObject = {
  operationId: 'metrics',
  summary: 'Metrics for operators, in Prometheus text format',
  description:
    'Request durations by route template and status, token refusals by reason, JWKS fetches, verified-token cache lookups, and the process’s own metrics. Not for the public: see the security scheme.',
  security: [{ [METRICS_SECURITY]: [] }],
  responses: {
    200: { description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
    401: { ...errorResponse(401), description: 'METRICS_TOKEN is set and the request did not present it', headers: CHALLENGE_HEADERS },
    403: { ...errorResponse(403), description: 'METRICS_TOKEN is not set and the caller is not on the same machine' },
  },
};
