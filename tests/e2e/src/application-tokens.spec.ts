import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Application, applicationToken } from './support/applications.js';
import { ALICE, login } from './support/demo.js';
import { call } from './support/http.js';

// What the services make of an application's token, across real processes. forum verifies tokens
// itself (TOKEN_VALIDATION=local, the default); shop is started with TOKEN_VALIDATION=introspection
// and asks auth about every Bearer token, as its own client `shop-introspection`. The same revoked
// application's token shows the difference: forum keeps accepting it until its `exp`, shop refuses
// it at once.
const CLIENTS_CLI = fileURLToPath(new URL('../../../apps/auth/dist/cli/clients.js', import.meta.url));
const INTROSPECTION_CLIENT_ID = 'shop-introspection';
const INTROSPECTION_CLIENT_SECRET = randomBytes(32).toString('base64url');

describe('application tokens at the resource services', () => {
  let stack: RunningStack;
  let reporting: Application;

  /** `npm run clients -- ...` against the test stack's auth database. */
  const clients = async (args: string[], env: Record<string, string> = {}): Promise<string> => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLIENTS_CLI, ...args], {
      env: { ...process.env, DATABASE_URL: stack.databaseUrls.auth, ...env },
      timeout: 30_000,
    });
    return stdout;
  };

  beforeAll(async () => {
    stack = await startTestStack(
      {},
      {
        serviceEnv: {
          shop: { TOKEN_VALIDATION: 'introspection', INTROSPECTION_CLIENT_ID, INTROSPECTION_CLIENT_SECRET },
        },
      },
    );
    // shop's client at auth: its audience is what auth will introspect for it.
    await clients(['ensure', '--client-id', INTROSPECTION_CLIENT_ID, '--name', 'shop introspection', '--scope', 'introspect', '--audience', 'shop'], {
      CLIENT_SECRET: INTROSPECTION_CLIENT_SECRET,
    });
    reporting = JSON.parse(await clients(['create', '--name', 'reporting', '--scope', 'orders:read', '--audience', 'shop,forum', '--json'])) as Application;
  });
  afterAll(() => stack?.stop());

  it('forum (local verification) tells the application who it is at /me, and refuses it on a route for users', async () => {
    const token = await applicationToken(stack, reporting);
    const me = await call('GET', `${stack.urls.forum}/me`, { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ service: 'forum', client: { id: reporting.client_id, scope: ['orders:read'] } });

    const thread = await call('POST', `${stack.urls.forum}/threads`, { token, json: { title: 'From a script', body: 'No person wrote this' } });
    expect(thread.status).toBe(403);
    expect(thread.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Application tokens are not accepted here: this route is for users' });
  });

  it('shop (introspection) accepts a user token and an application token, both checked by auth', async () => {
    const alice = await login(stack, ALICE);
    const me = await call('GET', `${stack.urls.shop}/me`, { token: alice.access_token });
    expect(me).toMatchObject({ status: 200, body: { service: 'shop', user: { email: ALICE, roles: ['customer'] } } });
    expect((await call('GET', `${stack.urls.shop}/orders`, { token: alice.access_token })).status).toBe(200);

    const token = await applicationToken(stack, reporting);
    expect(await call('GET', `${stack.urls.shop}/me`, { token })).toMatchObject({ status: 200, body: { client: { id: reporting.client_id } } });
    expect((await call('GET', `${stack.urls.shop}/orders`, { token })).status).toBe(403);
  });

  it('refuses a revoked application’s token at once where the service introspects; local verification accepts it until exp', async () => {
    const token = await applicationToken(stack, reporting);
    expect((await call('GET', `${stack.urls.shop}/me`, { token })).status).toBe(200);

    expect(await clients(['revoke', reporting.client_id])).toContain(`Revoked client ${reporting.client_id}`);

    const shop = await call('GET', `${stack.urls.shop}/me`, { token });
    expect(shop.status).toBe(401);
    expect(shop.headers.get('www-authenticate')).toBe('Bearer realm="shop", error="invalid_token", error_description="Access token is not active"');

    // forum checks the signature alone: the token is still genuine and unexpired, so it passes until exp.
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(exp).toBeGreaterThan(Date.now() / 1000 + 60);
    expect(await call('GET', `${stack.urls.forum}/me`, { token })).toMatchObject({ status: 200, body: { client: { id: reporting.client_id } } });
  });

  it('pays for it when auth is down: shop answers 503, forum keeps serving from its cached keys', async () => {
    const alice = await login(stack, ALICE);
    await stack.stopService('auth');
    try {
      const shop = await call('GET', `${stack.urls.shop}/me`, { token: alice.access_token });
      expect(shop).toMatchObject({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Token introspection unavailable, try again later' } });
      expect((await call('GET', `${stack.urls.forum}/me`, { token: alice.access_token })).status).toBe(200);
    } finally {
      await stack.startService('auth');
    }
    expect((await call('GET', `${stack.urls.shop}/me`, { token: alice.access_token })).status).toBe(200);
  });
});
