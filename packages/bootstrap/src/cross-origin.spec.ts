import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALLOWED_ORIGIN, startTestService, type TestService } from './test-service.test-support.js';

const FOREIGN_ORIGIN = 'https://evil.example';

describe('CORS', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ allowedOrigins: [ALLOWED_ORIGIN, 'http://localhost:5173'] });
  });
  afterAll(() => service.app.close());

  const preflight = (origin: string, method = 'POST', headers = 'authorization,content-type') =>
    fetch(`${service.url}/echo`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it('answers a preflight from an allowed origin: credentials, the API methods and headers', async () => {
    const response = await preflight(ALLOWED_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PATCH,DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed origin read the answer, and the headers a client needs', async () => {
    const response = await service.post('/echo', JSON.stringify({ title: 'hi' }), { origin: 'http://localhost:5173' });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate,Retry-After,X-Request-Id');
  });

  it.each([FOREIGN_ORIGIN, `${ALLOWED_ORIGIN}.evil.example`, 'https://app.example.test:8443', 'null'])(
    'gives %p no CORS header, on a preflight or an answer',
    async (origin) => {
      const answers = [await preflight(origin), await fetch(`${service.url}/health`, { headers: { origin } })];
      for (const response of answers) {
        const corsHeaders = [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
        expect(corsHeaders).toEqual([]);
      }
    },
  );

  it('allows no origin when ALLOWED_ORIGINS is empty', async () => {
    const closed = await startTestService({ allowedOrigins: [] });
    try {
      const response = await fetch(`${closed.url}/health`, { headers: { origin: ALLOWED_ORIGIN } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.app.close();
    }
  });
});
