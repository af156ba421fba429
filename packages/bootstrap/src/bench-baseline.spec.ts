import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
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
    /** The kind of every parameter a global pipe saw, as `ValidationPipe` sees them. */
    const piped: string[] = [];

    beforeAll(async () => {
      app = await createService(withBenchBaseline(TestModule, 'test', { BENCH_BASELINE_ROUTE: '1' }), { name: 'test', allowedOrigins: [] });
      app.useGlobalPipes({
        transform: (value: unknown, metadata: ArgumentMetadata) => {
          piped.push(metadata.type);
          return value;
        },
      });
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

    it('hands the handler its user through a parameter decorator, which the global pipes see, as /me is handed its caller', async () => {
      piped.length = 0;
      expect((await fetch(`${url}${BENCH_BASELINE_PATH}`)).status).toBe(200);
      expect(piped).toEqual(['custom']);
    });

    it('keeps the service’s own routes', async () => {
      const response = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"hi"}' });
      expect(response.status).toBe(201);
    });
  });
});
