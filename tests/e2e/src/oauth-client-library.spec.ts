import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import * as oauth from 'oauth4webapi';
import { ALICE, login } from './support/demo.js';

// A standard, independent OAuth library (panva's oauth4webapi) against auth, unaided: it discovers
// the server, refreshes through the token endpoint, and validates the access token by RFC 9068.
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
});
