import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import pg from 'pg';
import { REFRESH_TOKEN_COOKIE } from './support/cookie-logins.js';
import type { TokenPair } from './support/demo.js';
import { call, type CallOptions, type Reply } from './support/http.js';
import { serviceLogLines } from './support/service-log.js';

// Throttling at auth, as the contract's "Details the tests rely on" sets it. auth trusts the
// loopback proxy here (TRUST_PROXY=loopback), so each test plays its clients from addresses of its
// own with X-Forwarded-For, as a reverse proxy in front of auth would report them.
describe('throttling at auth', () => {
  let stack: RunningStack;
  let auth: string;
  let authDatabase: pg.Client;
  const PASSWORD = 'the right password, long enough';
  const WRONG = 'a wrong password, long enough';

  beforeAll(async () => {
    stack = await startTestStack({ TRUST_PROXY: 'loopback' });
    auth = stack.urls.auth;
    authDatabase = new pg.Client({ connectionString: stack.databaseUrls.auth });
    await authDatabase.connect();
  });
  afterAll(async () => {
    await authDatabase?.end();
    await stack?.stop();
  });

  /** A request to auth from the client at `ip`. */
  const from = (ip: string, method: string, path: string, options: CallOptions = {}) =>
    call(method, `${auth}${path}`, { ...options, headers: { ...options.headers, 'x-forwarded-for': ip } });
  const register = (ip: string, email: string) => from(ip, 'POST', '/auth/register', { json: { email, password: PASSWORD, name: 'Throttled' } });
  const LOGIN_ROUTES = ['/auth/login', '/auth/session/login', '/auth/cookie/login'] as const;
  const logIn = (ip: string, email: string, password: string, route: (typeof LOGIN_ROUTES)[number] = '/auth/login') =>
    from(ip, 'POST', route, { json: { email, password } });
  /** `count` requests at once, in batches small enough for two cores. */
  const burst = async (count: number, request: (index: number) => Promise<Reply>) => {
    const replies: Reply[] = [];
    for (let start = 0; start < count; start += 20) {
      replies.push(...(await Promise.all(Array.from({ length: Math.min(20, count - start) }, (_, offset) => request(start + offset)))));
    }
    return replies;
  };
  const statuses = (replies: Reply[]) => [...new Set(replies.map((reply) => reply.status))];

  /** The contract's 429: its JSON error, and Retry-After in whole seconds within the window. */
  const expectTooManyRequests = (reply: Reply, windowSeconds: number) => {
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
    const retryAfter = Number(reply.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    return retryAfter;
  };

  describe('failed logins, per account and address', () => {
    const email = 'lockout@example.test';
    const attacker = '203.0.113.10';

    beforeAll(async () => {
      expect((await register('192.0.2.10', email)).status).toBe(201);
    });

    it('counts failures on every login route together, and after 10 refuses the pair, the right password included', async () => {
      for (let failure = 0; failure < 10; failure += 1) {
        expect((await logIn(attacker, email, WRONG, LOGIN_ROUTES[failure % 3])).status).toBe(401);
      }
      for (const route of LOGIN_ROUTES) {
        const refused = await logIn(attacker, email, PASSWORD, route);
        expect(expectTooManyRequests(refused, 900)).toBeGreaterThan(800); // the 15-minute window began moments ago
        expect(refused.headers.getSetCookie()).toEqual([]); // no session, no token cookie
      }
    });

    it('lets nothing happen while locked: no login is started', async () => {
      const logins = async () =>
        Number((await authDatabase.query("SELECT count(*) FROM refresh_token_families f JOIN users u ON u.id = f.user_id WHERE u.email = $1", [email])).rows[0].count);
      const before = await logins();
      expect((await logIn(attacker, email, PASSWORD)).status).toBe(429);
      expect(await logins()).toBe(before);
    });

    it('leaves the same account alone from another address', async () => {
      const reply = await logIn('198.51.100.10', email, PASSWORD);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ token_type: 'Bearer' });
    });

    it('logs the lockout once, at warn, with the account, the address and until when, and no password', async () => {
      const lines = await serviceLogLines(stack, 'auth');
      const lockouts = lines.filter((line) => line.event === 'login_locked');
      expect(lockouts).toHaveLength(1);
      expect(lockouts[0]).toMatchObject({ level: 40, email, ip: attacker, failures: 10 });
      expect(Date.parse(lockouts[0]!.until) - Date.now()).toBeGreaterThan(800_000);
      expect(JSON.stringify(lines)).not.toContain(WRONG);
      expect(JSON.stringify(lines)).not.toContain(PASSWORD);
    });

    it('lifts the lock when the window has passed', async () => {
      // The counter's window, as a replica of auth would see it 15 minutes on.
      await authDatabase.query("UPDATE rate_limits SET expire = $1 WHERE key LIKE 'login-failures:%'", [Date.now() - 1]);
      expect((await logIn(attacker, email, PASSWORD)).status).toBe(200);
    });

    it('counts unknown emails like wrong passwords, and never counts a success', async () => {
      for (let failure = 0; failure < 10; failure += 1) expect((await logIn(attacker, 'nobody@example.test', WRONG)).status).toBe(401);
      expect((await logIn(attacker, 'nobody@example.test', WRONG)).status).toBe(429);
      for (let success = 0; success < 12; success += 1) expect((await logIn('198.51.100.11', email, PASSWORD)).status).toBe(200);
    });
  });

  describe('per address', () => {
    it('allows 300 requests a minute on /auth/*, then answers 429 until the minute is over', async () => {
      const replies = await burst(300, () => from('203.0.113.20', 'POST', '/auth/logout', { json: {} }));
      expect(statuses(replies)).toEqual([400]);
      expectTooManyRequests(await from('203.0.113.20', 'POST', '/auth/logout', { json: {} }), 60);
      expectTooManyRequests(await from('203.0.113.20', 'GET', '/auth/session/me'), 60);
      expectTooManyRequests(await from('203.0.113.20', 'GET', '/auth/me'), 60); // counted before authentication
      expect((await from('203.0.113.21', 'POST', '/auth/logout', { json: {} })).status).toBe(400); // another address
    });

    it('allows 60 registrations a minute, then answers 429 and creates nobody', async () => {
      const ip = '203.0.113.30';
      const replies = await burst(60, (index) => register(ip, `registrant-${index}@example.test`));
      expect(statuses(replies)).toEqual([201]);
      const refused = await register(ip, 'one-too-many@example.test');
      expectTooManyRequests(refused, 60);
      const stored = await authDatabase.query('SELECT 1 FROM users WHERE email = $1', ['one-too-many@example.test']);
      expect(stored.rowCount).toBe(0);
      expect((await register('203.0.113.31', 'one-too-many@example.test')).status).toBe(201); // another address
    });

    it('allows 60 refreshes a minute across /auth/refresh, /auth/cookie/refresh and the refresh grant, then answers 429 without rotating', async () => {
      const ip = '203.0.113.40';
      const login = await logIn(ip, 'lockout@example.test', PASSWORD);
      const { refresh_token: refreshToken } = login.body as TokenPair;
      const ways = [
        () => from(ip, 'POST', '/auth/refresh', { json: { refresh_token: 'never-issued' } }),
        () => from(ip, 'POST', '/auth/cookie/refresh', { headers: { cookie: `${REFRESH_TOKEN_COOKIE}=never-issued` } }),
        () => from(ip, 'POST', '/oauth/token', { form: { grant_type: 'refresh_token', refresh_token: 'never-issued' } }),
      ];
      const replies = await burst(60, (index) => ways[index % 3]!());
      expect(statuses(replies).sort()).toEqual([400, 401]); // invalid_grant on /oauth/token, 401 on the others

      expectTooManyRequests(await from(ip, 'POST', '/auth/refresh', { json: { refresh_token: refreshToken } }), 60);
      const oauth = await from(ip, 'POST', '/oauth/token', { form: { grant_type: 'refresh_token', refresh_token: refreshToken } });
      expectTooManyRequests(oauth, 60); // the contract's shape here too, not RFC 6749's
      const otherGrant = await from(ip, 'POST', '/oauth/token', { form: { grant_type: 'password', username: 'x', password: 'y' } });
      expect(otherGrant.body).toMatchObject({ error: 'unsupported_grant_type' }); // only the refresh grant counts

      const elsewhere = await from('203.0.113.41', 'POST', '/auth/refresh', { json: { refresh_token: refreshToken } });
      expect(elsewhere.status).toBe(200); // the refused refreshes did not spend the token
    });
  });

  describe('security events', () => {
    it('logs a reused refresh token once, at warn, with the user, the revoked login and the address, and never the token', async () => {
      const ip = '203.0.113.50';
      const email = 'reuse@example.test';
      const user = await register(ip, email);
      const first = (await logIn(ip, email, PASSWORD)).body as TokenPair;
      expect((await from(ip, 'POST', '/auth/refresh', { json: { refresh_token: first.refresh_token } })).status).toBe(200);
      for (let replay = 0; replay < 3; replay += 1) {
        expect((await from(ip, 'POST', '/auth/refresh', { json: { refresh_token: first.refresh_token } })).status).toBe(401);
      }

      const lines = await serviceLogLines(stack, 'auth');
      const reuses = lines.filter((line) => line.event === 'refresh_token_reuse' && line.userId === user.body.id);
      expect(reuses).toHaveLength(1);
      const family = await authDatabase.query('SELECT id FROM refresh_token_families WHERE user_id = $1 AND revoked_at IS NOT NULL', [user.body.id]);
      expect(reuses[0]).toMatchObject({ level: 40, familyId: family.rows[0].id, ip, req: { url: '/auth/refresh' } });
      expect(JSON.stringify(lines)).not.toContain(first.refresh_token);
    });
  });
});
