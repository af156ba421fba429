import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, SERVICE_NAMES, startTestStack } from '@sso/stack';
import { ALICE, DEMO_PASSWORD } from './support/demo.js';
import { call } from './support/http.js';

const ALLOWED_ORIGIN = 'http://app.example.test';
const FOREIGN_ORIGIN = 'https://evil.example';

// What every service does before a request reaches its routes, on the real processes: protective
// headers, the CORS allow-list from ALLOWED_ORIGINS, and which bodies are read at all.
describe('the edge of every service', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startTestStack({ ALLOWED_ORIGINS: ALLOWED_ORIGIN });
  });
  afterAll(() => stack?.stop());

  it.each(SERVICE_NAMES)('%s sends the protective headers on GET /health, and no X-Powered-By', async (service) => {
    const { headers } = await fetch(`${stack.urls[service]}/health`);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it.each(SERVICE_NAMES)('%s lets ALLOWED_ORIGINS call it with credentials, and no other origin', async (service) => {
    const preflight = (origin: string) =>
      fetch(`${stack.urls[service]}/me`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight(FOREIGN_ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a login posted as a form (what any web page can send cross-site) with 415', async () => {
    const form = new URLSearchParams({ email: ALICE, password: DEMO_PASSWORD }).toString();
    for (const path of ['/auth/login', '/auth/session/login', '/auth/cookie/login']) {
      const reply = await call('POST', `${stack.urls.auth}${path}`, {
        rawBody: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: FOREIGN_ORIGIN },
      });
      expect(reply).toMatchObject({ status: 415, body: { statusCode: 415, error: 'Unsupported Media Type' } });
      expect(reply.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses a NUL in a form field of the token endpoint as RFC 6749 invalid_request, not a 500', async () => {
    const reply = await call('POST', `${stack.urls.auth}/oauth/token`, { form: { grant_type: 'refresh_token', refresh_token: 'a\u0000b' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('NUL') });
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses JSON in UTF-7, whose brackets the nesting limit cannot see, with 415 rather than a 500', async () => {
    // `[` and `]` in UTF-7 (RFC 2152): +AFs- and +AF0-.
    const body = '+AFs-'.repeat(2000) + '+AF0-'.repeat(2000);
    const reply = await call('POST', `${stack.urls.auth}/auth/login`, { rawBody: body, headers: { 'content-type': 'application/json; charset=utf-7' } });
    expect(reply).toMatchObject({ status: 415, body: { statusCode: 415, error: 'Unsupported Media Type' } });
  });
});
