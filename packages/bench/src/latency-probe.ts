import { Agent, request } from 'node:http';
import type { LoadTarget } from './run-load.js';

/**
 * Latency of `count` requests sent one after another on one kept-alive connection, microseconds
 * each. Under load a request's latency is mostly its wait in the queue; alone it is the time the
 * service spends on it, which is what the guard adds to.
 */
export async function probeLatency(target: LoadTarget, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const latencies: number[] = [];
    for (let index = 0; index < count; index++) {
      const started = process.hrtime.bigint();
      const status = await send(target, agent);
      latencies.push(Number(process.hrtime.bigint() - started) / 1_000);
      if (status !== target.expectedStatus) throw new Error(`GET ${target.url} answered ${status}, expected ${target.expectedStatus}`);
    }
    return latencies;
  } finally {
    agent.destroy();
  }
}

function send(target: LoadTarget, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(target.url, { agent, headers: target.headers }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
      response.once('error', reject);
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}
