import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KeyObject } from 'node:crypto';
import type { AuthenticatedUser } from './authenticated-user.js';
import { ACCESS_TOKEN_COOKIE } from './cookies/cookie-names.js';
import { Scopes } from './decorators.js';
import {
  applicationClaims,
  AUDIENCE,
  get,
  ISSUER,
  newSigningKey,
  send,
  signAccessToken,
  signApplicationToken,
  startTestApp,
  type TestApp,
} from './guard.test-support.js';
import type { VerificationKeySource } from './keys/verification-key-source.js';
import { accessRefusalOf } from './route-access/route-access.js';

const REALM = `Bearer realm="${AUDIENCE}"`;

describe('application tokens (client credentials) and @Scopes', () => {
  const auth = newSigningKey('auth-key-1');
  const keySource: VerificationKeySource = { getKey: async (kid): Promise<KeyObject | undefined> => (kid === auth.kid ? auth.publicKey : undefined) };
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource });
  });
  afterAll(() => app?.close());

  const bearer = (token: string) => `Bearer ${token}`;
  const application = (scope = 'orders:read', claims: Record<string, unknown> = {}) => bearer(signApplicationToken(auth, { claims: { scope, ...claims } }));
  const user = (claims: Record<string, unknown> = {}) => bearer(signAccessToken(auth, { claims }));
  const at = (path: string, authorization?: string) => get(`${app.url}${path}`, authorization);

  describe('on a route with @Scopes', () => {
    it('admits an application whose token has the scope, handing the handler an AuthenticatedClient', async () => {
      const claims = applicationClaims();
      const reply = await at('/customers/c-1/orders', bearer(signApplicationToken(auth, { claims })));
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        kind: 'client',
        id: 'reporting',
        scope: ['orders:read'],
        via: 'bearer',
        token: { clientId: 'reporting', scope: ['orders:read'], tokenId: claims.jti, expiresAt: new Date((claims.exp as number) * 1000).toISOString() },
      });
    });

    it('refuses an application without the scope: 403 with an insufficient_scope challenge naming it (RFC 6750 §3.1)', async () => {
      const reply = await at('/customers/c-1/orders', application('invoices:read'));
      expect(reply.status).toBe(403);
      expect(reply.challenge).toBe(
        `${REALM}, error="insufficient_scope", error_description="Access token lacks a required scope: orders:read", scope="orders:read"`,
      );
      expect(reply.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Access token lacks a required scope: orders:read' });
      expect(app.rejections.at(-1)).toBe('insufficient_scope');
    });

    it('needs every scope listed, and names the ones missing', async () => {
      const partial = await at('/reports', application('orders:read'));
      expect(partial.status).toBe(403);
      expect(partial.body.message).toBe('Access token lacks a required scope: reports:read');
      expect(partial.challenge).toMatch(/, scope="orders:read reports:read"$/);
      expect((await at('/reports', application('reports:read orders:read'))).status).toBe(200);
    });

    it('compares whole scopes, not prefixes or case', async () => {
      for (const scope of ['orders', 'orders:read:all', 'ORDERS:READ', 'orders:readx']) {
        expect((await at('/customers/c-1/orders', application(scope))).status).toBe(403);
      }
    });

    it('admits a user whose token has the scope, as a user', async () => {
      const reply = await at('/customers/c-1/orders', user({ scope: 'openid profile email orders:read' }));
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ kind: 'user', id: 'user-1', roles: ['customer'], via: 'bearer' });
    });

    it('refuses a user whose token lacks it, as it refuses an application', async () => {
      const reply = await at('/customers/c-1/orders', user());
      expect(reply.status).toBe(403);
      expect(reply.challenge).toMatch(/error="insufficient_scope"/);
      expect(app.rejections.at(-1)).toBe('insufficient_scope');
    });

    it('still answers 401, not 403, without a token', async () => {
      const reply = await at('/customers/c-1/orders');
      expect(reply.status).toBe(401);
      expect(reply.challenge).toBe(REALM);
    });

    it('refuses @CurrentUser() an application with 403 rather than handing it in as a person', async () => {
      expect((await at('/profile', application())).status).toBe(403);
      expect(await at('/profile', user({ scope: 'orders:read' }))).toMatchObject({ status: 200, body: { id: 'user-1' } });
    });
  });

  describe('on a route for users (neither @Scopes nor @AllowApplications)', () => {
    it('refuses an application with 403 and a clear message, without a challenge', async () => {
      const reply = await at('/me', application());
      expect(reply.status).toBe(403);
      expect(reply.challenge).toBeNull();
      expect(reply.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Application tokens are not accepted here: this route is for users' });
      expect(app.rejections.at(-1)).toBe('application_not_admitted');
    });

    it('refuses it for a state-changing request too, before the handler runs', async () => {
      expect((await send('POST', `${app.url}/orders`, { authorization: application() })).status).toBe(403);
    });

    it('still serves users exactly as before', async () => {
      expect(await at('/me', user())).toMatchObject({ status: 200, body: { kind: 'user', id: 'user-1' } });
    });
  });

  describe('@Roles', () => {
    it('never matches an application, whatever its scopes', async () => {
      const reply = await at('/queue', application('orders:read'));
      expect(reply.status).toBe(403);
      expect(reply.body.message).toBe('Requires one of the roles: agent');
    });

    it('still lets a user with the role and the scope through', async () => {
      expect((await at('/queue', user({ roles: ['agent'], scope: 'orders:read' }))).status).toBe(200);
      expect((await at('/queue', user({ roles: ['customer'], scope: 'orders:read' }))).status).toBe(403);
    });
  });

  describe('@AllowApplications with @CurrentClient()', () => {
    it('hands the handler the application', async () => {
      expect(await at('/client', application())).toMatchObject({ status: 200, body: { kind: 'client', id: 'reporting' } });
    });

    it('refuses a user reaching a handler that asks for an application', async () => {
      expect((await at('/client', user())).status).toBe(403);
    });
  });

  describe('refuses, with error="invalid_token", an application token (sub = client_id) that', () => {
    async function expectRefused(authorization: string, reason: string, message: RegExp) {
      const reply = await at('/customers/c-1/orders', authorization);
      expect(reply.status).toBe(401);
      expect(reply.challenge).toMatch(/error="invalid_token"/);
      expect(reply.body.message).toMatch(message);
      expect(app.rejections.at(-1)).toBe(reason);
    }

    it.each([
      ['email', 'alice@example.com'],
      ['email_verified', false],
      ['name', 'Alice'],
      ['roles', ['admin']],
      ['roles', []],
    ])('carries a person’s claim %s: invalid_claim', async (claim, value) => {
      await expectRefused(application('orders:read', { [claim]: value }), 'invalid_claim', new RegExp(`invalid claim: ${claim} in an application token`));
    });

    it('has no scope: missing_claim', async () => {
      await expectRefused(bearer(signApplicationToken(auth, { omit: ['scope'] })), 'missing_claim', /required claim: scope/);
    });

    it.each([
      ['an empty scope', ''],
      ['a scope of spaces only', '   '],
      ['a scope that is a list', ['orders:read']],
    ])('has %s: invalid_claim', async (_name, scope) => {
      await expectRefused(bearer(signApplicationToken(auth, { claims: { scope } })), 'invalid_claim', /invalid claim: scope/);
    });

    it('arrives in the token cookie (the cache that remembers it from the header included): application_token_in_cookie', async () => {
      const token = signApplicationToken(auth);
      const cookie = { cookie: `${ACCESS_TOKEN_COOKIE}=${token}` };
      // Verified from the cookie first, then from the header (now cached), then the cookie again: from the cache.
      for (const [headers, status] of [[cookie, 401], [{ authorization: bearer(token) }, 200], [cookie, 401]] as const) {
        const reply = await send('GET', `${app.url}/customers/c-1/orders`, headers);
        expect(reply.status).toBe(status);
        if (status === 401) {
          expect(reply.body.message).toBe('Application tokens are accepted in the Authorization header only');
          expect(app.rejections.at(-1)).toBe('application_token_in_cookie');
        }
      }
    });
  });

  it('counts and logs refusals of both kinds with the token ones, in one summary', async () => {
    await at('/me', application());
    await at('/customers/c-1/orders', user());
    await app.close();
    const [summary] = app.logger.warnings('AuthenticationGuard');
    expect(summary).toMatch(/requests refused in the last \d+ s: /);
    expect(summary).toMatch(/application_not_admitted \d+/);
    expect(summary).toMatch(/insufficient_scope \d+/);
  });
});

describe('GET /me (identityRoute) for an application', () => {
  const auth = newSigningKey('auth-key-1');
  let app: TestApp;

  beforeAll(async () => {
    const keySource = { getKey: async (kid: string) => (kid === auth.kid ? auth.publicKey : undefined) };
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, identityRoute: true }, []);
  });
  afterAll(() => app?.close());

  it('answers {service, client: {id, scope}}', async () => {
    const reply = await get(`${app.url}/me`, `Bearer ${signApplicationToken(auth, { claims: { scope: 'orders:read reports:read' } })}`);
    expect(reply).toMatchObject({ status: 200 });
    expect(reply.body).toEqual({ service: AUDIENCE, client: { id: 'reporting', scope: ['orders:read', 'reports:read'] } });
  });

  it('still answers {service, user} for a person', async () => {
    const reply = await get(`${app.url}/me`, `Bearer ${signAccessToken(auth)}`);
    expect(reply.body).toEqual({ service: AUDIENCE, user: { id: 'user-1', email: 'alice@example.com', name: 'Alice', roles: ['customer'] } });
  });
});

describe('route access rules', () => {
  it('refuses a session (no token, so no scopes) on a route with @Scopes', () => {
    const session: AuthenticatedUser = { kind: 'user', id: 'u', email: 'a@example.test', emailVerified: false, name: 'A', roles: ['admin'], via: 'session-cookie' };
    expect(accessRefusalOf(session, { scopes: ['orders:read'], admitsApplications: true })).toEqual({
      reason: 'insufficient_scope',
      message: 'Access token lacks a required scope: orders:read',
    });
    expect(accessRefusalOf(session, { scopes: [], admitsApplications: false })).toBeUndefined();
  });

  it.each(['orders read', 'orders"read', 'orders\\read', ''])('refuses to declare the scope %p, which is no scope-token (RFC 6749 §3.3)', (scope) => {
    expect(() => Scopes(scope)).toThrow(/is not a scope token/);
  });
});
