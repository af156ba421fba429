import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import * as oauth from 'oauth4webapi';
import { registerApplication } from './support/applications.js';
import { ALICE, login, registerAndLogin } from './support/demo.js';
import { call } from './support/http.js';

// A standard, independent OAuth library (panva's oauth4webapi) against auth, unaided: it discovers
// the server, refreshes through the token endpoint, validates the access token by RFC 9068, and
// gets an application's token by the client credentials grant, which shop then accepts.
// `allowInsecureRequests` only because the test stack speaks plain http on localhost.
describe('a standard OAuth client library against auth', () => {
  let stack: RunningStack;
  let issuer: URL;
  const client: oauth.Client = { client_id: 'sso-web' };
  const insecure = { [oauth.allowInsecureRequests]: true };

  beforeAll(async () => {
    stack = await startTestStack();
    issuer = new URL(stack.urls.auth);
  });
  afterAll(() => stack?.stop());

  it.each(['oidc', 'oauth2'] as const)('discovers the server through %s metadata', async (algorithm) => {
    const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm }));
    expect(server.issuer).toBe(stack.urls.auth);
    expect(server.token_endpoint).toBe(`${stack.urls.auth}/oauth/token`);
  });

  it('refreshes a login through the discovered token endpoint', async () => {
    const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
    const { refresh_token } = await login(stack, ALICE);
    const response = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), refresh_token, insecure);
    const tokens = await oauth.processRefreshTokenResponse(server, client, response);
    expect(tokens.token_type).toBe('bearer'); // the library lower-cases it
    expect(tokens.refresh_token).not.toBe(refresh_token);

    const replay = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), refresh_token, insecure);
    await expect(oauth.processRefreshTokenResponse(server, client, replay)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('finds the access token valid by RFC 9068, for each service', async () => {
    const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
    const { access_token } = await login(stack, ALICE);
    for (const audience of ['shop', 'helpdesk', 'forum']) {
      const request = new Request(`${stack.urls[audience as 'shop']}/me`, { headers: { authorization: `Bearer ${access_token}` } });
      const claims = await oauth.validateJwtAccessToken(server, request, audience, insecure);
      expect(claims).toMatchObject({ iss: stack.urls.auth, client_id: 'sso-web', email: ALICE });
    }
  });

  it('gets an application token by the client credentials grant (client_secret_basic) and reads a customer’s orders from shop with it', async () => {
    const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
    expect(server.grant_types_supported).toContain('client_credentials');
    expect(server.token_endpoint_auth_methods_supported).toContain('client_secret_basic');
    const { client_id, client_secret } = await registerApplication(stack, { name: 'reporting', scope: ['orders:read'], audience: ['shop'] });
    const reporting: oauth.Client = { client_id };

    const response = await oauth.clientCredentialsGrantRequest(
      server,
      reporting,
      oauth.ClientSecretBasic(client_secret),
      new URLSearchParams({ scope: 'orders:read', resource: 'shop' }),
      insecure,
    );
    const tokens = await oauth.processClientCredentialsResponse(server, reporting, response);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'orders:read', expires_in: expect.any(Number) });
    expect(tokens).not.toHaveProperty('refresh_token'); // RFC 6749 §4.4.3

    const customer = await registerAndLogin(stack, 'Ada');
    const customerId = (await call('GET', `${stack.urls.shop}/me`, { token: customer.access_token })).body.user.id;
    const [product] = (await call('GET', `${stack.urls.shop}/products`)).body;
    const placed = await call('POST', `${stack.urls.shop}/orders`, { token: customer.access_token, json: { productId: product.id, quantity: 2 } });

    const orders = await oauth.protectedResourceRequest(tokens.access_token, 'GET', new URL(`${stack.urls.shop}/customers/${customerId}/orders`), undefined, undefined, insecure);
    expect(orders.status).toBe(200);
    expect(await orders.json()).toEqual([expect.objectContaining({ id: placed.body.id, userId: customerId, quantity: 2 })]);

    const request = new Request(`${stack.urls.shop}/customers/${customerId}/orders`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const claims = await oauth.validateJwtAccessToken(server, request, 'shop', insecure);
    expect(claims).toMatchObject({ iss: stack.urls.auth, sub: client_id, client_id, aud: ['shop'], scope: 'orders:read' });
    expect(claims).not.toHaveProperty('email');
  });
});
