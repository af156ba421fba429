import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, SERVICE_NAMES, type ServiceName, startTestStack } from '@sso/stack';
import { randomBytes } from 'node:crypto';
import { ALICE, login } from './support/demo.js';
import { tamper } from './support/forge.js';
import { call } from './support/http.js';

/** The value of one sample in Prometheus text (`name{labels} value`), or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((each) => each.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

// What an operator's Prometheus sees: each service's GET /metrics, behind the METRICS_TOKEN it was given.
describe('GET /metrics on every service', () => {
  const metricsToken = randomBytes(32).toString('hex');
  let stack: RunningStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack({ METRICS_TOKEN: metricsToken });
    token = (await login(stack, ALICE)).access_token;
  });
  afterAll(() => stack?.stop());

  const scrape = async (service: ServiceName): Promise<string> => {
    const reply = await fetch(`${stack.urls[service]}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return reply.text();
  };

  it('shop counts GET /me under its route template, a tampered token under its reason, and its JWKS fetch', async () => {
    expect((await call('GET', `${stack.urls.shop}/me`, { token })).status).toBe(200);
    expect((await call('GET', `${stack.urls.shop}/me`, { token })).status).toBe(200);
    const tampered = tamper(token, (payload) => (payload.roles = ['admin']));
    expect((await call('GET', `${stack.urls.shop}/me`, { token: tampered })).status).toBe(401);

    const text = await scrape('shop');
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/me",status_code="200"}')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/me",status_code="401"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/me",status_code="200"}')).toBe(2);
    expect(sample(text, 'sso_token_rejections_total{reason="bad_signature"}')).toBe(1);
    expect(sample(text, 'sso_token_rejections_total{reason="expired"}')).toBe(0);
    expect(sample(text, 'sso_jwks_fetches_total{outcome="success"}')).toBeGreaterThanOrEqual(1);
    // The honest token verified once, then came from the cache; the tampered one was looked up and missed.
    expect(sample(text, 'sso_verified_token_cache_lookups_total{result="hit"}')).toBe(1);
    expect(sample(text, 'sso_verified_token_cache_lookups_total{result="miss"}')).toBe(2);
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge');
  });

  it('auth serves its own: its routes by template, its process', async () => {
    const text = await scrape('auth');
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/auth/login",status_code="200"}')).toBe(1);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('answers 401 to a scrape without the token, or with a wrong one, on every service', async () => {
    for (const service of SERVICE_NAMES) {
      const missing = await call('GET', `${stack.urls[service]}/metrics`);
      expect(missing).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized' } });
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const wrong = await call('GET', `${stack.urls[service]}/metrics`, { token });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });
});
