import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig, serviceSettings } from '@sso/config';
import { z } from 'zod';
import { createService, loggingModule } from '../index.js';

@Controller()
class ItemsController {
  @Get('items/:id')
  item(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Module({ imports: [loggingModule({ service: 'test', level: 'silent', format: 'json' })], controllers: [ItemsController] })
class ItemsModule {}

const METRICS_TOKEN = 'a'.repeat(20) + '0123456789abcdef';

async function start(metricsToken?: string): Promise<{ app: NestExpressApplication; url: string }> {
  const app = await createService(ItemsModule, { name: 'test', allowedOrigins: [], metricsToken });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/** The samples of `http_request_duration_seconds_count`, as `{labels: count}`. */
function requestCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [, labels, count] of text.matchAll(/^http_request_duration_seconds_count\{(.*)\} (\d+)$/gm)) counts[labels!] = Number(count);
  return counts;
}

describe('GET /metrics', () => {
  describe('without METRICS_TOKEN', () => {
    let app: NestExpressApplication;
    let url: string;
    beforeAll(async () => ({ app, url } = await start()));
    afterAll(() => app.close());

    it('times requests by method, route template and status: never the URL, one label for every unknown path', async () => {
      for (const path of ['/items/1', '/items/2', '/items/3', '/no/such/path/4711', '/another-unknown']) await (await fetch(`${url}${path}`)).arrayBuffer();
      await (await fetch(`${url}/items/1`, { method: 'DELETE' })).arrayBuffer();
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(requestCounts(text)).toEqual({
        'method="GET",route="/items/:id",status_code="200"': 3,
        'method="GET",route="unmatched",status_code="404"': 2,
        'method="DELETE",route="unmatched",status_code="404"': 1,
      });
      expect(text).not.toMatch(/4711|another-unknown|route="\/items\/1"/);
      expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0.001",method="GET",route="\/items\/:id",status_code="200"\} \d+$/m);
    });

    it('does not time the probes, the reference or the scrapes themselves', async () => {
      for (const path of ['/health', '/docs/json', '/metrics']) await (await fetch(`${url}${path}`)).arrayBuffer();
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(text).not.toMatch(/route="\/(health|docs|metrics)/);
    });

    it('serves the guard’s counters and the process’s own metrics in Prometheus text format', async () => {
      const reply = await fetch(`${url}/metrics`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await reply.text();
      for (const name of ['sso_token_rejections_total', 'sso_jwks_fetches_total', 'sso_verified_token_cache_lookups_total', 'process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes']) {
        expect(text).toContain(`# TYPE ${name} `);
      }
    });

    it('answers a caller on this machine, but 403 to a proxy relaying someone else', async () => {
      expect((await fetch(`${url}/metrics`)).status).toBe(200);
      const relayed: Array<Record<string, string>> = [{ 'x-forwarded-for': '203.0.113.5' }, { forwarded: 'for=203.0.113.5' }];
      for (const header of relayed) {
        const reply = await fetch(`${url}/metrics`, { headers: header });
        expect(reply.status).toBe(403);
        expect(await reply.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Metrics are served to this machine only unless METRICS_TOKEN is set' });
      }
    });

    it('is documented with its own security, not as a public route', async () => {
      const document = (await (await fetch(`${url}/docs/json`)).json()) as {
        paths: Record<string, { get: { security: unknown[]; responses: Record<string, unknown> } }>;
        components: { securitySchemes: Record<string, unknown> };
      };
      expect(document.paths['/metrics']!.get.security).toEqual([{ metricsToken: [] }]);
      expect(Object.keys(document.paths['/metrics']!.get.responses)).toEqual(['200', '401', '403']);
      expect(document.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });

  describe('with METRICS_TOKEN', () => {
    let app: NestExpressApplication;
    let url: string;
    beforeAll(async () => ({ app, url } = await start(METRICS_TOKEN)));
    afterAll(() => app.close());
    const scrape = (authorization?: string) => fetch(`${url}/metrics`, { headers: authorization === undefined ? {} : { authorization } });

    it('answers the token, whatever the case of the scheme', async () => {
      for (const scheme of ['Bearer', 'bearer']) {
        const reply = await scrape(`${scheme} ${METRICS_TOKEN}`);
        expect(reply.status).toBe(200);
        expect(await reply.text()).toContain('# TYPE http_request_duration_seconds histogram');
      }
    });

    it('answers 401 with a challenge without it, even on this machine', async () => {
      const reply = await scrape();
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await reply.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Metrics token missing: send it as Authorization: Bearer <METRICS_TOKEN>' });
    });

    it.each([
      ['another token of the same length', `Bearer ${'b'.repeat(METRICS_TOKEN.length)}`],
      ['a prefix of it', `Bearer ${METRICS_TOKEN.slice(0, -1)}`],
      ['it and more', `Bearer ${METRICS_TOKEN}x`],
      ['it under another scheme', `Basic ${METRICS_TOKEN}`],
      ['a user’s access token', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln'],
    ])('answers 401 invalid_token (never a 500) for %s', async (_case, authorization) => {
      const reply = await scrape(authorization);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer realm="metrics"/);
      expect(((await reply.json()) as { statusCode: number }).statusCode).toBe(401);
    });
  });
});

describe('METRICS_TOKEN', () => {
  const schema = z.object(serviceSettings(3001));
  const env = { DATABASE_URL: 'postgresql://localhost/shop' };

  it('is optional, and taken as given when long enough', () => {
    expect(loadConfig(schema, env).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig(schema, { ...env, METRICS_TOKEN }).METRICS_TOKEN).toBe(METRICS_TOKEN);
  });

  it.each([['too short', 'short-token'], ['with a space', `${METRICS_TOKEN} x`], ['with a quote', `${METRICS_TOKEN}"`]])(
    'stops the service at boot when %s, without printing it',
    (_case, value) => {
      expect(() => loadConfig(schema, { ...env, METRICS_TOKEN: value })).toThrow(ConfigError);
      expect(() => loadConfig(schema, { ...env, METRICS_TOKEN: value })).toThrow(/^METRICS_TOKEN: must be 32 to 1024 token characters .* \(value not shown\)$/);
    },
  );
});
