import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import pg from 'pg';
import { requireCookie, setCookie } from './support/cookies.js';
import { ACCESS_TOKEN_COOKIE, cookieLogin, REFRESH_TOKEN_COOKIE, SESSION_COOKIE, sessionLogin } from './support/cookie-logins.js';
import { ALICE, DEMO_PASSWORD, login, RESOURCE_SERVICES } from './support/demo.js';
import { call } from './support/http.js';
import { countOf, createSomething } from './support/writes.js';

const FOREIGN_ORIGIN = 'https://evil.example';

// The default: every resource service has only its own session store. One login at auth, then the
// same browser (the same cookies: cookies are per host, not per port) visits the other services.
describe('per-server sessions: a session works only where it was made; a token works everywhere', () => {
  let stack: RunningStack;
  let authDatabase: pg.Client;
  const sessionRows = async (sid: string) =>
    (await authDatabase.query('SELECT count(*)::int AS n FROM sessions WHERE sid = $1', [sid])).rows[0].n as number;
  const sidOf = (cookieValue: string) => decodeURIComponent(cookieValue).slice(2).split('.')[0]!;

  beforeAll(async () => {
    stack = await startTestStack();
    authDatabase = new pg.Client({ connectionString: stack.databaseUrls.auth });
    await authDatabase.connect();
  });
  afterAll(async () => {
    await authDatabase?.end();
    await stack?.stop();
  });

  describe('the session cookie', () => {
    it('is set by auth as HttpOnly, SameSite=Lax, Path=/, not Secure over http', async () => {
      const reply = await call('POST', `${stack.urls.auth}/auth/session/login`, { json: { email: ALICE, password: DEMO_PASSWORD } });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ id: expect.any(String), email: ALICE, name: 'Alice', roles: ['customer'] });
      const cookie = requireCookie(reply, SESSION_COOKIE);
      expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
      expect(cookie.attributes).not.toContain('Secure');
    });

    it('logs in at auth, is refused by shop, helpdesk and forum', async () => {
      const session = await sessionLogin(stack, ALICE);
      const atAuth = await call('GET', `${stack.urls.auth}/auth/session/me`, { headers: { cookie: session.pair } });
      expect(atAuth).toMatchObject({ status: 200, body: { email: ALICE, roles: ['customer'] } });
      for (const service of RESOURCE_SERVICES) {
        const reply = await call('GET', `${stack.urls[service]}/session/me`, { headers: { cookie: session.pair } });
        expect({ service, status: reply.status, message: reply.body.message }).toEqual({
          service,
          status: 401,
          message: 'Session cookie names no live session on this server',
        });
        expect((await call('GET', `${stack.urls[service]}/me`, { headers: { cookie: session.pair } })).status).toBe(401);
      }
    });

    it('answers 401 for a wrong password, as /auth/login does, and 400 for a bad body, creating no session', async () => {
      const before = (await authDatabase.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n;
      const wrong = await call('POST', `${stack.urls.auth}/auth/session/login`, { json: { email: ALICE, password: 'not the right password' } });
      const tokenLogin = await call('POST', `${stack.urls.auth}/auth/login`, { json: { email: ALICE, password: 'not the right password' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(tokenLogin.body);
      expect(setCookie(wrong, SESSION_COOKIE)).toBeUndefined();
      const bad = await call('POST', `${stack.urls.auth}/auth/session/login`, { json: { email: 'not-an-email' } });
      expect(bad.status).toBe(400);
      expect((await authDatabase.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n).toBe(before);
    });

    it('is destroyed on logout: the row is deleted and the replayed cookie answers 401', async () => {
      const session = await sessionLogin(stack, ALICE);
      const sid = sidOf(session.value);
      expect(await sessionRows(sid)).toBe(1);
      const logout = await call('POST', `${stack.urls.auth}/auth/session/logout`, { headers: { cookie: session.pair } });
      expect(logout.status).toBe(204);
      expect(await sessionRows(sid)).toBe(0);
      const replay = await call('GET', `${stack.urls.auth}/auth/session/me`, { headers: { cookie: session.pair } });
      expect(replay.status).toBe(401);
    });

    it('cannot be logged out by another site (CSRF): 403, and the session lives on', async () => {
      const session = await sessionLogin(stack, ALICE);
      const forged = await call('POST', `${stack.urls.auth}/auth/session/logout`, { headers: { cookie: session.pair, origin: FOREIGN_ORIGIN } });
      expect(forged.status).toBe(403);
      expect(await sessionRows(sidOf(session.value))).toBe(1);
      expect((await call('GET', `${stack.urls.auth}/auth/session/me`, { headers: { cookie: session.pair } })).status).toBe(200);
    });
  });

  describe('the access token as a cookie', () => {
    it('is set by auth as HttpOnly and SameSite=Lax, with the refresh token kept to auth', async () => {
      const { access, refresh } = await cookieLogin(stack, ALICE);
      expect(access.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
      expect(refresh.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Path=/auth/cookie']));
    });

    it('is accepted by auth, shop, helpdesk and forum alike', async () => {
      const { access } = await cookieLogin(stack, ALICE);
      const me = await call('GET', `${stack.urls.auth}/auth/me`, { headers: { cookie: access.pair } });
      expect(me).toMatchObject({ status: 200, body: { email: ALICE } });
      for (const service of RESOURCE_SERVICES) {
        const reply = await call('GET', `${stack.urls[service]}/me`, { headers: { cookie: access.pair } });
        expect(reply).toMatchObject({ status: 200, body: { service, user: me.body } });
      }
    });

    it('is refused on every service for a state change from another site (CSRF), and nothing is stored', async () => {
      const { access } = await cookieLogin(stack, ALICE);
      const { access_token: bearer } = await login(stack, ALICE);
      for (const service of RESOURCE_SERVICES) {
        const before = await countOf(stack, service, bearer);
        const forged = await createSomething(stack, service, { headers: { cookie: access.pair, origin: FOREIGN_ORIGIN } });
        expect({ service, status: forged.status }).toEqual({ service, status: 403 });
        expect(await countOf(stack, service, bearer)).toBe(before);
        const own = await createSomething(stack, service, { headers: { cookie: access.pair, origin: stack.urls[service] } });
        expect({ service, status: own.status }).toEqual({ service, status: 201 });
      }
    });

    it('is renewed with the refresh cookie, which works once; logout clears both', async () => {
      const first = await cookieLogin(stack, ALICE);
      const refreshed = await call('POST', `${stack.urls.auth}/auth/cookie/refresh`, { headers: { cookie: first.refresh.pair } });
      expect(refreshed.status).toBe(200);
      const renewed = { access: requireCookie(refreshed, ACCESS_TOKEN_COOKIE), refresh: requireCookie(refreshed, REFRESH_TOKEN_COOKIE) };
      expect(renewed.refresh.value).not.toBe(first.refresh.value);
      expect((await call('GET', `${stack.urls.shop}/me`, { headers: { cookie: renewed.access.pair } })).status).toBe(200);

      const replayed = await call('POST', `${stack.urls.auth}/auth/cookie/refresh`, { headers: { cookie: first.refresh.pair } });
      expect(replayed.status).toBe(401);

      const second = await cookieLogin(stack, ALICE);
      const logout = await call('POST', `${stack.urls.auth}/auth/cookie/logout`, { headers: { cookie: second.refresh.pair } });
      expect(logout.status).toBe(204);
      for (const name of [ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE]) {
        expect(setCookie(logout, name)?.value).toBe('');
      }
      expect((await call('POST', `${stack.urls.auth}/auth/cookie/refresh`, { headers: { cookie: second.refresh.pair } })).status).toBe(401);
    });
  });

  it('never reads an access token from the query string (RFC 6750 §2.3)', async () => {
    const { access_token: token } = await login(stack, ALICE);
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me?access_token=${token}`);
      expect({ service, status: reply.status }).toEqual({ service, status: 401 });
    }
    expect((await call('GET', `${stack.urls.auth}/auth/me?access_token=${token}`)).status).toBe(401);
  });
});
