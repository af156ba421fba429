import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sign } from 'cookie-signature';
import type { KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_COOKIE, SESSION_COOKIE } from '../cookies/cookie-names.js';
import { AUDIENCE, ISSUER, newSigningKey, send, signAccessToken, startTestApp, type TestApp } from '../guard.test-support.js';
import { PerServerSessionStore } from './per-server-session-store.js';
import { type SessionStore, SessionStoreUnavailableError, type SessionUser } from './session-store.js';
import { sessionIdFrom } from './signed-session-id.js';

const SECRET = 'the session secret auth signs with';
const ALICE: SessionUser = { id: 'user-1', email: 'alice@example.com', name: 'Alice', roles: ['customer'] };

/** A store at the edge of the test: one live session, or a database that does not answer. */
class OneSessionStore implements SessionStore {
  lookups = 0;
  down = false;

  async userFor(cookieValue: string): Promise<SessionUser | undefined> {
    this.lookups += 1;
    if (this.down) throw new SessionStoreUnavailableError('connection refused');
    return sessionIdFrom(cookieValue, SECRET) === 'live-session' ? ALICE : undefined;
  }

  async close(): Promise<void> {}
}

const sessionCookie = (id: string) => `${SESSION_COOKIE}=${encodeURIComponent(`s:${sign(id, SECRET)}`)}`;

describe('the session cookie', () => {
  const auth = newSigningKey('auth-key-1');
  const keySource = { getKey: async (kid: string): Promise<KeyObject | undefined> => (kid === auth.kid ? auth.publicKey : undefined) };

  describe('with a store that holds the session (shared-store mode)', () => {
    const store = new OneSessionStore();
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, sessions: { store } });
    });
    afterAll(() => app?.close());

    it('serves GET /session/me from the store, one lookup per request', async () => {
      const before = store.lookups;
      const reply = await send('GET', `${app.url}/session/me`, { cookie: sessionCookie('live-session') });
      expect(reply).toMatchObject({ status: 200, body: { service: AUDIENCE, user: ALICE } });
      expect(store.lookups - before).toBe(1);
    });

    it('authenticates other routes too, as one more way in', async () => {
      const reply = await send('GET', `${app.url}/me`, { cookie: sessionCookie('live-session') });
      expect(reply).toMatchObject({ status: 200, body: { ...ALICE, via: 'session-cookie' } });
      expect(reply.body.token).toBeUndefined();
    });

    it('refuses a cookie naming no live session, with a challenge but no token error code', async () => {
      const reply = await send('GET', `${app.url}/session/me`, { cookie: sessionCookie('logged-out') });
      expect(reply.status).toBe(401);
      expect(reply.challenge).toBe(`Bearer realm="${AUDIENCE}"`);
      expect(reply.body.message).toBe('Session cookie names no live session on this server');
      expect(app.rejections.at(-1)).toBe('unknown_session');
    });

    it('judges GET /session/me by the session cookie alone, even beside a valid token cookie or Bearer header', async () => {
      const token = signAccessToken(auth);
      const withTokenCookie = await send('GET', `${app.url}/session/me`, { cookie: `${ACCESS_TOKEN_COOKIE}=${token}` });
      expect(withTokenCookie.status).toBe(401);
      expect(withTokenCookie.body.message).toMatch(/^Session cookie missing/);
      expect(app.rejections.at(-1)).toBe('missing_session');
      const withBearer = await send('GET', `${app.url}/session/me`, { authorization: `Bearer ${token}` });
      expect(withBearer.status).toBe(401);
    });

    it('refuses a state-changing request from a foreign origin with 403, before the handler runs', async () => {
      const reply = await send('POST', `${app.url}/orders`, { cookie: sessionCookie('live-session'), origin: 'https://evil.example' });
      expect(reply.status).toBe(403);
      const sameOrigin = await send('POST', `${app.url}/orders`, { cookie: sessionCookie('live-session'), origin: app.url });
      expect(sameOrigin).toMatchObject({ status: 201, body: { owner: ALICE.id } });
    });

    it('answers 503 JSON, not 401 or 500, when the store cannot be asked', async () => {
      store.down = true;
      try {
        const reply = await send('GET', `${app.url}/session/me`, { cookie: sessionCookie('live-session') });
        expect(reply).toMatchObject({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Session store unavailable, try again later' } });
        // A token needs no store: it keeps working.
        expect((await send('GET', `${app.url}/me`, { authorization: `Bearer ${signAccessToken(auth)}` })).status).toBe(200);
      } finally {
        store.down = false;
      }
    });
  });

  describe('per-server mode: the service only has its own store', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, sessions: { mode: 'per-server' } });
    });
    afterAll(() => app?.close());

    it("does not know auth's session", async () => {
      const reply = await send('GET', `${app.url}/session/me`, { cookie: sessionCookie('live-session') });
      expect(reply.status).toBe(401);
      expect(app.rejections.at(-1)).toBe('unknown_session');
    });

    it('keeps accepting tokens', async () => {
      expect((await send('GET', `${app.url}/me`, { authorization: `Bearer ${signAccessToken(auth)}` })).status).toBe(200);
    });

    it('holds sessions signed with its own secret, not auth\'s', async () => {
      expect(await new PerServerSessionStore().userFor(`s:${sign('live-session', SECRET)}`)).toBeUndefined();
    });
  });

  describe('a service that takes no sessions', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource });
    });
    afterAll(() => app?.close());

    it('ignores the session cookie and serves no /session/me', async () => {
      const reply = await send('GET', `${app.url}/me`, { cookie: sessionCookie('live-session') });
      expect(reply.status).toBe(401);
      expect(app.rejections.at(-1)).toBe('missing_token');
      expect((await send('GET', `${app.url}/session/me`, { cookie: sessionCookie('live-session') })).status).toBe(404);
    });
  });
});
