import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_COOKIE } from '../cookies/cookie-names.js';
import { AUDIENCE, ISSUER, newSigningKey, send, signAccessToken, startTestApp, type TestApp } from '../guard.test-support.js';

const ALLOWED = 'https://app.example.com';

describe('the access token in a cookie', () => {
  const auth = newSigningKey('auth-key-1');
  const keySource = { getKey: async (kid: string): Promise<KeyObject | undefined> => (kid === auth.kid ? auth.publicKey : undefined) };
  let app: TestApp;
  const cookie = (token: string) => ({ cookie: `theme=dark; ${ACCESS_TOKEN_COOKIE}=${token}` });

  beforeAll(async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, allowedOrigins: [ALLOWED] });
  });
  afterAll(() => app?.close());

  it('is verified exactly as a Bearer token, and says it came by cookie', async () => {
    const reply = await send('GET', `${app.url}/me`, cookie(signAccessToken(auth)));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'user-1', via: 'token-cookie', token: { clientId: 'sso-web' } });
  });

  it('is refused with the reason when tampered or expired', async () => {
    const expired = signAccessToken(auth, { claims: { exp: Math.floor(Date.now() / 1000) - 60 } });
    const reply = await send('GET', `${app.url}/me`, cookie(expired));
    expect(reply.status).toBe(401);
    expect(reply.challenge).toMatch(/error="invalid_token", error_description="Access token expired"/);
    expect(app.rejections.at(-1)).toBe('expired');
  });

  it('is never read from the query string (RFC 6750 §2.3)', async () => {
    const reply = await send('GET', `${app.url}/me?access_token=${signAccessToken(auth)}`, {});
    expect(reply.status).toBe(401);
    expect(reply.challenge).toBe(`Bearer realm="${AUDIENCE}"`);
  });

  describe('state-changing requests it authenticates (CSRF)', () => {
    it('are refused with 403 from a foreign origin', async () => {
      const reply = await send('POST', `${app.url}/orders`, { ...cookie(signAccessToken(auth)), origin: 'https://evil.example' });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('"https://evil.example"') });
      expect(app.rejections.at(-1)).toBe('foreign_origin');
    });

    it('are refused from the opaque origin null (sandboxed frames, data: URLs)', async () => {
      expect((await send('POST', `${app.url}/orders`, { ...cookie(signAccessToken(auth)), origin: 'null' })).status).toBe(403);
    });

    it.each([
      ['its own origin', (url: string) => url],
      ['an allowed origin', () => ALLOWED],
      ['no Origin header (not sent by a browser form or script)', undefined],
    ])('pass from %s', async (_case, origin) => {
      const headers = { ...cookie(signAccessToken(auth)), ...(origin ? { origin: origin(app.url) } : {}) };
      const reply = await send('POST', `${app.url}/orders`, headers);
      expect(reply).toMatchObject({ status: 201, body: { owner: 'user-1' } });
    });

    it('are not checked when the token came in the Authorization header, which browsers never attach by themselves', async () => {
      const reply = await send('POST', `${app.url}/orders`, { authorization: `Bearer ${signAccessToken(auth)}`, origin: 'https://evil.example' });
      expect(reply.status).toBe(201);
    });

    it('reading is not refused: GET from a foreign origin changes nothing', async () => {
      const reply = await send('GET', `${app.url}/me`, { ...cookie(signAccessToken(auth)), origin: 'https://evil.example' });
      expect(reply.status).toBe(200);
    });
  });
});
