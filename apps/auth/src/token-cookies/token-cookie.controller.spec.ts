import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE } from '@sso/guard';
import { isCleared, postJson, registerUser, setCookiesOf, startAuthApp, TEST_PASSWORD, type TestAuthApp } from '../auth-app.test-support.js';

const ACCESS_TOKEN_TTL = 120;
const REFRESH_TOKEN_TTL = 3600;

describe('the access token in a cookie (over HTTP)', () => {
  let auth: TestAuthApp;
  let userId: string;
  const email = 'cookie-user@example.test';

  beforeAll(async () => {
    auth = await startAuthApp({ ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL), REFRESH_TOKEN_TTL: String(REFRESH_TOKEN_TTL) });
    userId = await registerUser(auth.url, email);
  });
  afterAll(() => auth?.close());

  interface CookieLogin {
    response: Response;
    access: string;
    refresh: string;
  }

  const cookieLogin = async (): Promise<CookieLogin> => {
    const response = await postJson(`${auth.url}/auth/cookie/login`, { email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const cookies = setCookiesOf(response);
    return { response, access: cookies.get(ACCESS_TOKEN_COOKIE)!.value, refresh: cookies.get(REFRESH_TOKEN_COOKIE)!.value };
  };
  const post = (path: string, refresh?: string, origin?: string) =>
    fetch(`${auth.url}/auth/cookie/${path}`, {
      method: 'POST',
      headers: { ...(refresh && { cookie: `${REFRESH_TOKEN_COOKIE}=${refresh}` }), ...(origin && { origin }) },
    });
  const expectBothCleared = (response: Response) => {
    const cookies = setCookiesOf(response);
    expect(isCleared(cookies.get(ACCESS_TOKEN_COOKIE))).toBe(true);
    expect(isCleared(cookies.get(REFRESH_TOKEN_COOKIE))).toBe(true);
    expect(cookies.get(REFRESH_TOKEN_COOKIE)!.attributes.path).toBe('/auth/cookie');
  };
  const user = { id: expect.any(String), email, name: 'Test User', roles: ['customer'] };

  it('logs in with the tokens only in HttpOnly cookies, and the user and lifetime in the body', async () => {
    const { response, access, refresh } = await cookieLogin();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ expires_in: ACCESS_TOKEN_TTL, user: { ...user, id: userId } });
    const cookies = setCookiesOf(response);
    expect(cookies.get(ACCESS_TOKEN_COOKIE)!.attributes).toMatchObject({ httponly: true, samesite: 'Lax', path: '/', 'max-age': String(ACCESS_TOKEN_TTL) });
    expect(cookies.get(REFRESH_TOKEN_COOKIE)!.attributes).toMatchObject({
      httponly: true,
      samesite: 'Strict',
      path: '/auth/cookie',
      'max-age': String(REFRESH_TOKEN_TTL),
    });
    expect(cookies.get(ACCESS_TOKEN_COOKIE)!.attributes.secure).toBeUndefined(); // plain http here
    expect(access.split('.')).toHaveLength(3);
    expect(refresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is accepted by GET /auth/me through the access-token cookie', async () => {
    const { access } = await cookieLogin();
    const response = await fetch(`${auth.url}/auth/me`, { headers: { cookie: `${ACCESS_TOKEN_COOKIE}=${access}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...user, id: userId });
  });

  it('rotates both cookies on refresh, as /auth/refresh rotates the pair', async () => {
    const first = await cookieLogin();
    const response = await post('refresh', first.refresh);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ expires_in: ACCESS_TOKEN_TTL, user });
    const rotated = setCookiesOf(response);
    expect(rotated.get(ACCESS_TOKEN_COOKIE)!.value).not.toBe(first.access);
    expect(rotated.get(REFRESH_TOKEN_COOKIE)!.value).not.toBe(first.refresh);
    expect(rotated.get(REFRESH_TOKEN_COOKIE)!.attributes).toMatchObject({ path: '/auth/cookie', samesite: 'Strict' });
  });

  it('revokes the whole login when a spent refresh cookie comes back, and clears the cookies', async () => {
    const first = await cookieLogin();
    const successor = setCookiesOf(await post('refresh', first.refresh)).get(REFRESH_TOKEN_COOKIE)!.value;
    const replay = await post('refresh', first.refresh);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expectBothCleared(replay);
    expect((await post('refresh', successor)).status).toBe(401);
  });

  it.each([
    ['no refresh cookie', undefined],
    ['a refresh cookie auth never issued', 'never-issued'],
  ])('answers refresh with %s with 401 JSON and clears the cookies', async (_case, refresh) => {
    const response = await post('refresh', refresh);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing or invalid refresh token' });
    expectBothCleared(response);
  });

  it('logs out: 204, both cookies cleared, that login revoked', async () => {
    const { refresh } = await cookieLogin();
    const response = await post('logout', refresh);
    expect(response.status).toBe(204);
    expectBothCleared(response);
    expect((await post('refresh', refresh)).status).toBe(401);
  });

  it('answers logout without a refresh cookie with 204 and clears the cookies', async () => {
    const response = await post('logout');
    expect(response.status).toBe(204);
    expectBothCleared(response);
  });

  it.each(['refresh', 'logout'])('refuses %s from a foreign Origin with 403 and changes nothing (CSRF)', async (path) => {
    const { refresh } = await cookieLogin();
    const response = await post(path, refresh, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(setCookiesOf(response).size).toBe(0);
    expect((await post('refresh', refresh)).status).toBe(200);
  });

  it('refuses a cookie login from a foreign Origin (login CSRF)', async () => {
    const response = await postJson(`${auth.url}/auth/cookie/login`, { email, password: TEST_PASSWORD }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(setCookiesOf(response).size).toBe(0);
  });

  it('answers a wrong password exactly as /auth/login does, with no cookie', async () => {
    const credentials = { email, password: 'not the password, but long enough' };
    const response = await postJson(`${auth.url}/auth/cookie/login`, credentials);
    expect(response.status).toBe(401);
    expect(setCookiesOf(response).size).toBe(0);
    expect(await response.json()).toEqual(await (await postJson(`${auth.url}/auth/login`, credentials)).json());
  });

  it('answers a bad body with 400 JSON, with no cookie and no login stored', async () => {
    const logins = await auth.prisma.refreshTokenFamily.count();
    const response = await postJson(`${auth.url}/auth/cookie/login`, { email: ['a'], password: null });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(setCookiesOf(response).size).toBe(0);
    expect(await auth.prisma.refreshTokenFamily.count()).toBe(logins);
  });
});
