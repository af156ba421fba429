import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BENCH_BASELINE_PATH, withBenchBaseline } from './bench-baseline.js';
import { createService } from './run-service.js';
import { TestModule } from './test-service.test-support.js';

describe('withBenchBaseline', () => {
  it('leaves the service as it is unless BENCH_BASELINE_ROUTE=1', () => {
    expect(withBenchBaseline(TestModule, 'test', {})).toBe(TestModule);
    expect(withBenchBaseline(TestModule, 'test', { BENCH_BASELINE_ROUTE: 'true' })).toBe(TestModule);
  });

  describe('with BENCH_BASELINE_ROUTE=1', () => {
    let app: NestExpressApplication;
    let url: string;

    beforeAll(async () => {
      app = await createService(withBenchBaseline(TestModule, 'test', { BENCH_BASELINE_ROUTE: '1' }), { name: 'test', allowedOrigins: [] });
      await app.listen(0, '127.0.0.1');
      url = await app.getUrl();
    });
    afterAll(() => app.close());

    it('answers GET /bench/baseline as GET /me answers, for a fixed user, through the whole pipeline', async () => {
      const response = await fetch(`${url}${BENCH_BASELINE_PATH}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/); // the request went through the logger
      expect(await response.json()).toEqual({
        service: 'test',
        user: { id: '00000000-0000-4000-8000-000000000000', email: 'bench@example.test', name: 'Bench', roles: ['customer'] },
      });
    });

    it('keeps the service’s own routes', async () => {
      const response = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"hi"}' });
      expect(response.status).toBe(201);
    });
  });
});
