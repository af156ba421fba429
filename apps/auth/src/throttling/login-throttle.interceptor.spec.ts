import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postJson, registerUser, startAuthApp, TEST_PASSWORD, type TestAuthApp } from '../auth-app.test-support.js';

// auth without TRUST_PROXY, as it runs when nothing sits in front of it: the client is the
// socket's address, whatever a request claims in X-Forwarded-For.
describe('the failed-login lockout over HTTP, with no trusted proxy', () => {
  let auth: TestAuthApp;
  const email = 'lockout@example.test';

  beforeAll(async () => {
    auth = await startAuthApp();
    await registerUser(auth.url, email);
  });
  afterAll(() => auth?.close());

  const login = (password: string, forwardedFor: string) =>
    postJson(`${auth.url}/auth/login`, { email, password }, { 'x-forwarded-for': forwardedFor });

  it('does not count a request that never reached the password check', async () => {
    for (let request = 0; request < 12; request += 1) {
      expect((await postJson(`${auth.url}/auth/login`, { email, password: 42 })).status).toBe(400);
    }
    expect((await login(TEST_PASSWORD, '192.0.2.1')).status).toBe(200);
  });

  it('cannot be dodged by claiming a new address in X-Forwarded-For', async () => {
    for (let failure = 1; failure <= 10; failure += 1) {
      expect((await login('not the password, but long enough', `198.51.100.${failure}`)).status).toBe(401);
    }
    const locked = await login(TEST_PASSWORD, '203.0.113.77');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(890);
  });
});
