import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { ALICE, DEMO_PASSWORD, login, registerAndLogin } from './support/demo.js';
import { call } from './support/http.js';

describe('auth: register, login, refresh, logout', () => {
  let stack: RunningStack;
  let auth: string;

  beforeAll(async () => {
    stack = await startTestStack();
    auth = stack.urls.auth;
  });
  afterAll(() => stack?.stop());

  describe('register', () => {
    const email = `newcomer-${Date.now()}@example.test`;

    it('creates a customer and never applies a role the client sent', async () => {
      const reply = await call('POST', `${auth}/auth/register`, {
        json: { email, password: 'fifteen chars ok', name: 'Newcomer', roles: ['admin'], id: 'chosen-id' },
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({ id: expect.any(String), email, name: 'Newcomer', roles: ['customer'] });
      expect(reply.body.id).not.toBe('chosen-id');
    });

    it('answers 409 for a taken email, compared case-insensitively', async () => {
      const reply = await call('POST', `${auth}/auth/register`, {
        json: { email: email.toUpperCase(), password: 'fifteen chars ok', name: 'Twin' },
      });
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    });

    it.each([
      [{ email: 'not-an-email', password: 'fifteen chars ok', name: 'X' }, 'email'],
      [{ email: 'short@example.test', password: 'fourteen chars', name: 'X' }, 'password'],
      [{ email: 'long@example.test', password: 'x'.repeat(129), name: 'X' }, 'password'],
      [{ email: 'noname@example.test', password: 'fifteen chars ok' }, 'name'],
      [{ email: 'blank@example.test', password: 'fifteen chars ok', name: '   ' }, 'name'],
    ])('answers 400 naming the field for %p', async (json, field) => {
      const reply = await call('POST', `${auth}/auth/register`, { json });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(reply.body.message)).toContain(field);
    });

    it('refuses a lookalike address that mixes scripts (a Cyrillic а in alice), creating nobody', async () => {
      const reply = await call('POST', `${auth}/auth/register`, {
        json: { email: '\u0430lice@example.com', password: 'fifteen chars ok', name: 'Not Alice' },
      });
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body.message)).toContain('mix letters of different scripts');
      expect((await call('POST', `${auth}/auth/login`, { json: { email: '\u0430lice@example.com', password: 'fifteen chars ok' } })).status).toBe(401);
    });

    it('treats composed and decomposed forms as one email and one password (NFKC)', async () => {
      const local = `cafe\u0301-${Date.now()}`;
      const password = 'crème brûlée, fifteen+';
      const first = await call('POST', `${auth}/auth/register`, { json: { email: `${local}@example.test`, password, name: 'Café' } });
      expect(first.status).toBe(201);
      expect(first.body.email).toBe(`${local.normalize('NFKC')}@example.test`);
      const twin = await call('POST', `${auth}/auth/register`, {
        json: { email: `${local.normalize('NFC')}@example.test`, password, name: 'Café twin' },
      });
      expect(twin.status).toBe(409);
      const decomposedPassword = password.normalize('NFD');
      expect(decomposedPassword).not.toBe(password);
      const login = await call('POST', `${auth}/auth/login`, { json: { email: `${local.normalize('NFC')}@example.test`, password: decomposedPassword } });
      expect(login.status).toBe(200);
    });
  });

  describe('login', () => {
    it('gives the same 401 for an unknown email and a wrong password', async () => {
      const unknown = await call('POST', `${auth}/auth/login`, { json: { email: 'nobody@example.test', password: DEMO_PASSWORD } });
      const wrong = await call('POST', `${auth}/auth/login`, { json: { email: ALICE, password: 'not the password at all' } });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
    });

    it('compares emails case-insensitively', async () => {
      const pair = await login(stack, ALICE.toUpperCase());
      expect(pair.token_type).toBe('Bearer');
    });

    it('answers 400 for a body without credentials', async () => {
      const reply = await call('POST', `${auth}/auth/login`, { json: {} });
      expect(reply.status).toBe(400);
    });

    it('marks token responses as not cacheable', async () => {
      const reply = await call('POST', `${auth}/auth/login`, { json: { email: ALICE, password: DEMO_PASSWORD } });
      expect(reply.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('refresh', () => {
    it('rotates: a new pair, and the old refresh token stops working', async () => {
      const first = await registerAndLogin(stack, 'Rotor');
      const second = await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: first.refresh_token } });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      expect(second.body.refresh_token).not.toBe(first.refresh_token);
      expect(second.body.access_token).not.toBe(first.access_token);
      const me = await call('GET', `${stack.urls.shop}/me`, { token: second.body.access_token });
      expect(me.body.user.email).toBe(first.email);
    });

    it('treats reuse of a spent token as theft: 401, and the whole login is revoked', async () => {
      const first = await registerAndLogin(stack, 'Victim');
      const second = await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: first.refresh_token } });
      const replay = await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: first.refresh_token } });
      expect(replay.status).toBe(401);
      expect(replay.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      const legitimate = await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: second.body.refresh_token } });
      expect(legitimate.status).toBe(401);
    });

    it('leaves other logins of the same user alone', async () => {
      const phone = await registerAndLogin(stack, 'TwoDevices');
      const laptop = await login(stack, phone.email, 'a long password for TwoDevices');
      await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: phone.refresh_token } });
      await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: phone.refresh_token } });
      const stillFine = await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: laptop.refresh_token } });
      expect(stillFine.status).toBe(200);
    });

    it('answers 401 for an unknown token and 400 for a missing one', async () => {
      expect((await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: 'made-up' } })).status).toBe(401);
      expect((await call('POST', `${auth}/auth/refresh`, { json: {} })).status).toBe(400);
    });
  });

  describe('logout', () => {
    it('revokes the login: 204, then its refresh token is refused', async () => {
      const pair = await registerAndLogin(stack, 'Leaver');
      const reply = await call('POST', `${auth}/auth/logout`, { json: { refresh_token: pair.refresh_token } });
      expect(reply.status).toBe(204);
      const refresh = await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: pair.refresh_token } });
      expect(refresh.status).toBe(401);
    });

    it('answers 204 for an unknown or already revoked token, without an access token (RFC 7009 §2.2)', async () => {
      const pair = await registerAndLogin(stack, 'Twice');
      for (const refresh_token of ['never-issued', pair.refresh_token, pair.refresh_token]) {
        expect((await call('POST', `${auth}/auth/logout`, { json: { refresh_token } })).status).toBe(204);
      }
    });

    it('answers 400 when refresh_token is missing', async () => {
      expect((await call('POST', `${auth}/auth/logout`, { json: {} })).status).toBe(400);
    });

    it('treats a token of any length as one it never issued', async () => {
      const refresh_token = 'x'.repeat(5000);
      expect((await call('POST', `${auth}/auth/logout`, { json: { refresh_token } })).status).toBe(204);
      expect((await call('POST', `${auth}/auth/refresh`, { json: { refresh_token } })).status).toBe(401);
      const oauth = await call('POST', `${auth}/oauth/token`, { form: { grant_type: 'refresh_token', refresh_token } });
      expect(oauth.body.error).toBe('invalid_grant');
    });
  });

  describe('log out everywhere', () => {
    it('ends every login and every session of the caller, and no one else\'s', async () => {
      const user = await registerAndLogin(stack, 'Everywhere');
      const password = 'a long password for Everywhere';
      const laptop = await login(stack, user.email, password);
      const session = await call('POST', `${auth}/auth/session/login`, { json: { email: user.email, password } });
      const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!;
      const bystander = await login(stack, ALICE);

      const reply = await call('POST', `${auth}/auth/logout-all`, { token: user.access_token });
      expect(reply.status).toBe(204);
      for (const refreshToken of [user.refresh_token, laptop.refresh_token]) {
        expect((await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: refreshToken } })).status).toBe(401);
      }
      expect((await call('GET', `${auth}/auth/session/me`, { headers: { cookie } })).status).toBe(401);
      expect((await call('POST', `${auth}/auth/refresh`, { json: { refresh_token: bystander.refresh_token } })).status).toBe(200);
    });

    it('needs an access token', async () => {
      expect((await call('POST', `${auth}/auth/logout-all`)).status).toBe(401);
    });
  });

  describe('POST /oauth/token (RFC 6749)', () => {
    const token = (form: Record<string, string>) => call('POST', `${auth}/oauth/token`, { form });

    it('grants refresh_token exactly as /auth/refresh, with Cache-Control: no-store', async () => {
      const pair = await registerAndLogin(stack, 'OAuthClient');
      const reply = await token({ grant_type: 'refresh_token', refresh_token: pair.refresh_token });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, access_token: expect.any(String) });
      const replay = await token({ grant_type: 'refresh_token', refresh_token: pair.refresh_token });
      expect(replay.status).toBe(400);
      expect(replay.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
      const revoked = await token({ grant_type: 'refresh_token', refresh_token: reply.body.refresh_token });
      expect(revoked.body.error).toBe('invalid_grant');
    });

    it.each([
      [{ grant_type: 'password', username: ALICE, password: DEMO_PASSWORD }, 'unsupported_grant_type'],
      [{ grant_type: 'authorization_code', code: 'x' }, 'unsupported_grant_type'],
      [{ refresh_token: 'x' }, 'invalid_request'],
      [{ grant_type: 'refresh_token' }, 'invalid_request'],
      [{ grant_type: 'refresh_token', refresh_token: 'never-issued' }, 'invalid_grant'],
    ])('answers 400 %p with %s', async (form, error) => {
      const reply = await token(form);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error, error_description: expect.any(String) });
      expect(reply.headers.get('cache-control')).toBe('no-store');
    });
  });
});
