import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type INestApplication, Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { runService } from './index.js';
import { listeningUrl } from './run-service.js';
import { startTestService, type TestService, TestModule } from './test-service.test-support.js';

describe('createService', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.app.close());

  it('answers GET /health without authentication', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'test' });
  });

  it('validates input and names the field', async () => {
    const response = await service.post('/echo', JSON.stringify({ title: 42 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { statusCode: number; error: string; message: string[] };
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.message.join(' ')).toContain('title');
  });

  it('gives one message per problem: a missing field is one message, not one per rule it breaks', async () => {
    const response = await service.post('/echo', JSON.stringify({}));
    expect(response.status).toBe(400);
    const { message } = (await response.json()) as { message: string[] };
    expect(message).toHaveLength(1);
    expect(message[0]).toMatch(/^title /);
  });

  it('drops fields the input does not declare', async () => {
    const response = await service.post('/echo', JSON.stringify({ title: 'hi', owner: 'mallory' }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ title: 'hi' });
  });

  it('hides unexpected errors behind a bare 500', async () => {
    const response = await fetch(`${service.url}/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    expect(text).not.toContain('secret internals');
  });

  it('answers an unknown route with 404 JSON', async () => {
    const response = await fetch(`${service.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('echoes an acceptable X-Request-Id and replaces an unacceptable one', async () => {
    const kept = await fetch(`${service.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBeNull();
    const echoed = await service.post('/echo', JSON.stringify({ title: 'a' }), { 'x-request-id': 'abc-123' });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await service.post('/echo', JSON.stringify({ title: 'a' }), { 'x-request-id': 'bad id with space' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  // The contract's "Headers": helmet's set on every answer, and nothing that names the framework.
  it.each([
    ['GET /health', () => fetch(`${service.url}/health`)],
    ['a handler', () => service.post('/echo', JSON.stringify({ title: 'hi' }))],
    ['a 400', () => service.post('/echo', '{"title":')],
    ['a 404', () => fetch(`${service.url}/nowhere`)],
    ['a 415', () => service.post('/echo', 'title=hi', { 'content-type': 'application/x-www-form-urlencoded' })],
    ['a 500', () => fetch(`${service.url}/boom`)],
  ])('sends the protective headers on %s, and no X-Powered-By', async (_answer, request) => {
    const { headers } = await request();
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('x-powered-by')).toBeNull();
  });
});

describe('runService', () => {
  let app: INestApplication | undefined;
  afterAll(() => app?.close());

  it('listens on the host it is given (HOST), not on every interface', async () => {
    app = await runService(TestModule, { name: 'test', allowedOrigins: [], port: 0, host: '127.0.0.1' });
    expect((app.getHttpServer().address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('names the URL it listens on in its start line', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    const named = await runService(TestModule, { name: 'shop', allowedOrigins: [], port: 0, host: '127.0.0.1' });
    const messages = log.mock.calls.map(([message]) => message);
    log.mockRestore();
    try {
      const { port } = named.getHttpServer().address() as AddressInfo;
      expect(messages).toContain(`listening on http://127.0.0.1:${port}`);
    } finally {
      await named.close();
    }
  });

  it.each([
    ['every IPv4 interface', '0.0.0.0', 'http://localhost:3001'],
    ['every interface', '::', 'http://localhost:3001'],
    ['an IPv6 address', '::1', 'http://[::1]:3001'],
    ['a host name', 'shop.internal', 'http://shop.internal:3001'],
  ])('gives a URL one can open for %s', (_case, host, url) => {
    expect(listeningUrl(host, 3001)).toBe(url);
  });
});
