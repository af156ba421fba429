import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESSION_COOKIE } from '@sso/guard';
import { createHmac } from 'node:crypto';
import { isCleared, postJson, registerUser, setCookiesOf, startAuthApp, TEST_PASSWORD, type TestAuthApp } from '../auth-app.test-support.js';

const SESSION_TTL = 3600;
const ALLOWED_ORIGIN = 'https://app.example.test';

describe('session login at auth (express-session, connect-pg-simple, passport; over HTTP)', () => {
  let auth: TestAuthApp;
  let userId: string;
  const email = 'session-user@example.test';

  beforeAll(async () => {
    auth = await startAuthApp({ SESSION_TTL: String(SESSION_TTL), ALLOWED_ORIGINS: ALLOWED_ORIGIN });
    userId = await registerUser(auth.url, email);
  });
  afterAll(() => auth?.close());

  /** Logs in and returns the `Cookie` header that carries the session. */
  const logIn = async (): Promise<string> => {
    const response = await postJson(`${auth.url}/auth/session/login`, { email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    return `${SESSION_COOKIE}=${setCookiesOf(response).get(SESSION_COOKIE)!.value}`;
  };
  const me = (cookie?: string) => fetch(`${auth.url}/auth/session/me`, { headers: cookie ? { cookie } : {} });
  const logOut = (cookie?: string, origin?: string) =>
    fetch(`${auth.url}/auth/session/logout`, { method: 'POST', headers: { ...(cookie && { cookie }), ...(origin && { origin }) } });
  /** The session id inside a signed cookie value `s:<sid>.<signature>`. */
  const sessionIdOf = (cookie: string) => /^s:([^.]+)\./.exec(decodeURIComponent(cookie.split('=')[1]!))![1]!;
  const sessionRows = () => auth.prisma.session.count();

  it('logs in with the user in the body and an HttpOnly, SameSite=Lax session cookie on Path=/', async () => {
    const response = await postJson(`${auth.url}/auth/session/login`, { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ id: userId, email, name: 'Test User', roles: ['customer'] });
    const cookie = setCookiesOf(response).get(SESSION_COOKIE)!;
    expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Lax', path: '/' });
    expect(cookie.attributes.secure).toBeUndefined(); // plain http here; `secure: 'auto'` adds it over https
    expect(Date.parse(cookie.attributes.expires as string) - Date.now()).toBeGreaterThan((SESSION_TTL - 60) * 1000);
  });

  it('stores the session server-side: the row keeps only the user id, and expires with SESSION_TTL', async () => {
    const sid = sessionIdOf(await logIn());
    const [row] = await auth.prisma.$queryRaw<Array<{ user: string; expire: Date }>>`
      SELECT sess #>> '{passport,user}' AS "user", expire FROM sessions WHERE sid = ${sid}`;
    expect(row!.user).toBe(userId);
    expect(Math.abs(row!.expire.getTime() - Date.now() - SESSION_TTL * 1000)).toBeLessThan(60_000);
    const stored = await auth.prisma.session.findUniqueOrThrow({ where: { sid } });
    expect(JSON.stringify(stored.sess)).not.toContain(email);
  });

  it('signs the cookie with the secret kept in session_secrets, as shared-store services check it', async () => {
    const value = decodeURIComponent((await logIn()).split('=')[1]!);
    const { secret } = await auth.prisma.sessionSecret.findUniqueOrThrow({ where: { id: 1 } });
    const [sid, signature] = value.slice('s:'.length).split('.');
    expect(signature).toBe(createHmac('sha256', secret).update(sid!).digest('base64').replace(/=+$/, ''));
  });

  it('ends a session SESSION_TTL after login, however often it is used (absolute timeout)', async () => {
    const cookie = await logIn();
    const expiry = async () => (await auth.prisma.session.findUniqueOrThrow({ where: { sid: sessionIdOf(cookie) } })).expire;
    const atLogin = await expiry();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the store counts in whole seconds
    expect(await (await me(cookie)).json()).toMatchObject({ email }); // the whole answer: the store is done
    expect(await expiry()).toEqual(atLogin);
  });

  it('answers GET /auth/session/me with the user of the session', async () => {
    const response = await me(await logIn());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ id: userId, email, name: 'Test User', roles: ['customer'] });
  });

  it.each([
    ['no cookie', async () => undefined],
    ['an unknown session id', async () => `${SESSION_COOKIE}=${encodeURIComponent('s:unknown.signature')}`],
    ['a live session id under a forged signature', async () => (await logIn()).replace(/\.[^.]+$/, '.forged')],
  ])('answers GET /auth/session/me with 401 JSON for %s', async (_case, cookie) => {
    const response = await me(await cookie());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'No live session' });
  });

  it('gives a new session id at login, so a session id planted before it carries no login (no fixation)', async () => {
    const before = await logIn();
    const response = await fetch(`${auth.url}/auth/session/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: before },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    const after = `${SESSION_COOKIE}=${setCookiesOf(response).get(SESSION_COOKIE)!.value}`;
    expect(sessionIdOf(after)).not.toBe(sessionIdOf(before));
    expect(await auth.prisma.session.findUnique({ where: { sid: sessionIdOf(before) } })).toBeNull();
    expect((await me(after)).status).toBe(200);
  });

  it('logs out: 204, the row deleted, the cookie cleared, and the same cookie answers 401 afterwards', async () => {
    const cookie = await logIn();
    const response = await logOut(cookie);
    expect(response.status).toBe(204);
    expect(isCleared(setCookiesOf(response).get(SESSION_COOKIE))).toBe(true);
    expect(setCookiesOf(response).get(SESSION_COOKIE)!.attributes).toMatchObject({ path: '/', httponly: true, samesite: 'Lax' });
    expect(await auth.prisma.session.findUnique({ where: { sid: sessionIdOf(cookie) } })).toBeNull();
    expect((await me(cookie)).status).toBe(401);
  });

  it('answers logout without a live session with 204 too', async () => {
    expect((await logOut()).status).toBe(204);
    expect((await logOut(`${SESSION_COOKIE}=${encodeURIComponent('s:gone.signature')}`)).status).toBe(204);
  });

  it('refuses logout from a foreign Origin with 403 and keeps the session alive (CSRF)', async () => {
    const cookie = await logIn();
    const response = await logOut(cookie, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect((await me(cookie)).status).toBe(200);
  });

  it('accepts logout from its own origin and from ALLOWED_ORIGINS', async () => {
    expect((await logOut(await logIn(), auth.url)).status).toBe(204);
    expect((await logOut(await logIn(), ALLOWED_ORIGIN)).status).toBe(204);
  });

  it('answers a wrong password and an unknown email exactly as /auth/login does, and stores no session', async () => {
    const rowsBefore = await sessionRows();
    const wrongPassword = { email, password: 'not the password, but long enough' };
    const unknownEmail = { email: 'nobody@example.test', password: TEST_PASSWORD };
    const tokenLogin = await postJson(`${auth.url}/auth/login`, wrongPassword);
    for (const credentials of [wrongPassword, unknownEmail]) {
      const response = await postJson(`${auth.url}/auth/session/login`, credentials);
      expect(response.status).toBe(401);
      expect(setCookiesOf(response).has(SESSION_COOKIE)).toBe(false);
      expect(await response.json()).toEqual(await tokenLogin.clone().json());
    }
    expect(await sessionRows()).toBe(rowsBefore);
  });

  it.each([
    ['an empty body', {}],
    ['a password that is not a string', { email, password: 12345 }],
    ['an over-long email', { email: `${'a'.repeat(300)}@example.test`, password: TEST_PASSWORD }],
  ])('answers %s with 400 JSON and stores no session', async (_case, body) => {
    const rowsBefore = await sessionRows();
    const response = await postJson(`${auth.url}/auth/session/login`, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(setCookiesOf(response).has(SESSION_COOKIE)).toBe(false);
    expect(await sessionRows()).toBe(rowsBefore);
  });

  it('refuses a session login from a foreign Origin (login CSRF) and stores no session', async () => {
    const rowsBefore = await sessionRows();
    const response = await postJson(`${auth.url}/auth/session/login`, { email, password: TEST_PASSWORD }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await sessionRows()).toBe(rowsBefore);
  });

  it('ends the session of a user who no longer exists', async () => {
    const goneEmail = 'soon-gone@example.test';
    await registerUser(auth.url, goneEmail);
    const response = await postJson(`${auth.url}/auth/session/login`, { email: goneEmail, password: TEST_PASSWORD });
    const cookie = `${SESSION_COOKIE}=${setCookiesOf(response).get(SESSION_COOKIE)!.value}`;
    await auth.prisma.user.delete({ where: { email: goneEmail } });
    expect((await me(cookie)).status).toBe(401);
  });
});

describe('session login with auth database down', () => {
  let auth: TestAuthApp;
  let cookie: string;
  const email = 'outage@example.test';

  beforeAll(async () => {
    auth = await startAuthApp();
    await registerUser(auth.url, email);
    const response = await postJson(`${auth.url}/auth/session/login`, { email, password: TEST_PASSWORD });
    cookie = `${SESSION_COOKIE}=${setCookiesOf(response).get(SESSION_COOKIE)!.value}`;
    await auth.database.stop();
  });
  afterAll(() => auth?.close());

  const unavailable = { statusCode: 503, error: 'Service Unavailable' };

  it.each([
    ['GET /auth/session/me with a cookie', () => fetch(`${auth.url}/auth/session/me`, { headers: { cookie } })],
    ['POST /auth/session/logout with a cookie', () => fetch(`${auth.url}/auth/session/logout`, { method: 'POST', headers: { cookie } })],
    ['POST /auth/session/login', () => postJson(`${auth.url}/auth/session/login`, { email, password: TEST_PASSWORD })],
  ])('answers %s with 503 JSON, not 500 and not a hang', async (_case, request) => {
    const response = await request();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject(unavailable);
  });
});
