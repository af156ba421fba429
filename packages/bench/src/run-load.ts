import autocannon from 'autocannon';
import type { RoundSample } from './bench-report.js';

/** One request the bench drives, and the status every answer must have. */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  expectedStatus: number;
}

/**
 * Drives `target` with autocannon for `seconds` over `connections` kept-alive connections. Every
 * answer should have the expected status: others (a 401 where a 200 was meant, a 503 when a
 * dependency gives up) are left out of the rate, and counted and shown by status.
 */
export async function runLoad(target: LoadTarget, seconds: number, connections: number): Promise<RoundSample> {
  const result = await autocannon({ url: target.url, headers: target.headers, connections, duration: seconds });
  const unexpectedByStatus: Record<string, number> = {};
  for (const [status, { count = 0 } = {}] of Object.entries(result.statusCodeStats ?? {})) {
    if (status !== String(target.expectedStatus) && count > 0) unexpectedByStatus[status] = count;
  }
  if (result.errors > 0) unexpectedByStatus.errors = result.errors;
  return {
    // Only answers with the expected status count: a service that fails fast must not look fast.
    requestsPerSecond: (result.statusCodeStats?.[`${target.expectedStatus}`]?.count ?? 0) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    unexpected: Object.values(unexpectedByStatus).reduce((sum, count) => sum + count, 0),
    unexpectedByStatus,
  };
}
