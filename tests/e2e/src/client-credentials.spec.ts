import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as oauth from 'oauth4webapi';
import { call } from './support/http.js';

// An application's life at auth, as the README tells it, across real processes: an operator
// registers it with `npm run clients`, it gets tokens for itself at /oauth/token, a resource server
// introspects one, the operator revokes it. `allowInsecureRequests` only because the test stack
// speaks plain http on localhost.
const CLIENTS_CLI = fileURLToPath(new URL('../../../apps/auth/dist/cli/clients.js', import.meta.url));

interface CreatedClient {
  client_id: string;
  client_secret: string;
  scope: string[];
  audience: string[];
}

describe('an application with client credentials', () => {
  let stack: RunningStack;
  const insecure = { [oauth.allowInsecureRequests]: true };

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  /** `npm run clients -- ...` against the test stack's auth database. */
  const clients = async (...args: string[]): Promise<string> => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLIENTS_CLI, ...args], {
      env: { ...process.env, DATABASE_URL: stack.databaseUrls.auth },
      timeout: 30_000,
    });
    return stdout;
  };
  const create = async (name: string, scope: string, audience: string): Promise<CreatedClient> =>
    JSON.parse(await clients('create', '--name', name, '--scope', scope, '--audience', audience, '--json')) as CreatedClient;
  const basic = (client: CreatedClient) => `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
  const requestToken = (client: CreatedClient) =>
    call('POST', `${stack.urls.auth}/oauth/token`, { form: { grant_type: 'client_credentials', scope: 'orders:read', resource: 'shop' }, headers: { authorization: basic(client) } });

  it('creates a client with the CLI, gets a token, has it introspected, and loses the grant when revoked', async () => {
    const reporting = await create('reporting', 'orders:read', 'shop');
    expect(reporting).toMatchObject({ client_id: expect.stringMatching(/^reporting-/), scope: ['orders:read'], audience: ['shop'] });
    expect(await clients('list')).toContain(reporting.client_id);

    const granted = await requestToken(reporting);
    expect(granted.status).toBe(200);
    expect(granted.headers.get('cache-control')).toBe('no-store');
    expect(granted.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900, scope: 'orders:read' });
    const accessToken = granted.body.access_token as string;

    // A standard library agrees it is an RFC 9068 access token for shop, whose subject is the client.
    const issuer = new URL(stack.urls.auth);
    const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
    const validate = () =>
      oauth.validateJwtAccessToken(server, new Request(`${stack.urls.shop}/me`, { headers: { authorization: `Bearer ${accessToken}` } }), 'shop', insecure);
    const claims = await validate();
    expect(claims).toMatchObject({ sub: reporting.client_id, client_id: reporting.client_id, aud: ['shop'], scope: 'orders:read' });
    expect(claims).not.toHaveProperty('email');
    expect(claims).not.toHaveProperty('roles');

    // shop's own client asks auth about the token (RFC 7662).
    const shopIntrospection = await create('shop introspection', 'introspect', 'shop');
    const introspect = () => call('POST', `${stack.urls.auth}/oauth/introspect`, { form: { token: accessToken }, headers: { authorization: basic(shopIntrospection) } });
    expect((await introspect()).body).toMatchObject({ active: true, client_id: reporting.client_id, scope: 'orders:read', aud: ['shop'] });

    expect(await clients('revoke', reporting.client_id)).toContain(`Revoked client ${reporting.client_id}`);
    const refused = await requestToken(reporting);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="sso"');
    expect(refused.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });

    // Revocation stops new tokens; it does not recall the one already issued. Services verify tokens
    // by signature alone, so that token stays valid for them until its `exp` (at most
    // ACCESS_TOKEN_TTL, 15 minutes by default). Only introspection, which asks auth, sees the
    // revocation at once.
    await expect(validate()).resolves.toMatchObject({ sub: reporting.client_id });
    expect((await introspect()).body).toEqual({ active: false });
  });

  it('serves a standard client library’s client credentials grant, found through discovery', async () => {
    const nightly = await create('nightly export', 'orders:read orders:write', 'shop,helpdesk');
    const issuer = new URL(stack.urls.auth);
    const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
    expect(server.grant_types_supported).toContain('client_credentials');
    const client: oauth.Client = { client_id: nightly.client_id };
    const parameters = new URLSearchParams({ scope: 'orders:write', resource: 'helpdesk' });
    const response = await oauth.clientCredentialsGrantRequest(server, client, oauth.ClientSecretPost(nightly.client_secret), parameters, insecure);
    const tokens = await oauth.processClientCredentialsResponse(server, client, response);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'orders:write', expires_in: 900 });
    expect(tokens).not.toHaveProperty('refresh_token');
  });
});
