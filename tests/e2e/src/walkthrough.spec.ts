import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { ALICE, CAROL, login, RESOURCE_SERVICES } from './support/demo.js';
import { decodeJwt } from './support/forge.js';
import { call } from './support/http.js';

// The README's walkthrough, as a test: log in once at auth, then use the one token everywhere.
describe('one login, every service', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it('answers health on every service without a token', async () => {
    for (const [service, url] of Object.entries(stack.urls)) {
      const reply = await call('GET', `${url}/health`);
      expect(reply).toMatchObject({ status: 200, body: { status: 'ok', service } });
    }
  });

  it('logs in once and is known by the same identity on shop, helpdesk and forum', async () => {
    const { access_token: token } = await login(stack, ALICE);
    const me = await call('GET', `${stack.urls.auth}/auth/me`, { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: expect.any(String), email: ALICE, name: 'Alice', roles: ['customer'] });

    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`, { token });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ service, user: me.body });
    }
  });

  it('issues an RFC 9068 access token signed with a key auth publishes', async () => {
    const pair = await login(stack, CAROL);
    expect(pair).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900, refresh_token: expect.any(String) });
    expect(Buffer.from(pair.refresh_token, 'base64url').length).toBeGreaterThanOrEqual(32);

    const { header, payload } = decodeJwt(pair.access_token);
    const jwks = await call('GET', `${stack.urls.auth}/.well-known/jwks.json`);
    expect(header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: jwks.body.keys[0].kid });
    expect(payload).toMatchObject({
      iss: stack.urls.auth,
      aud: ['shop', 'helpdesk', 'forum'],
      sub: expect.any(String),
      jti: expect.any(String),
      client_id: expect.any(String),
      scope: expect.any(String),
      email: CAROL,
      name: 'Carol',
      roles: ['admin'],
    });
    expect(payload.exp - payload.iat).toBe(900);
  });

  it('does one real thing on each service with the same token', async () => {
    const { access_token: token } = await login(stack, ALICE);

    const products = await call('GET', `${stack.urls.shop}/products`);
    expect(products.status).toBe(200);
    expect(products.body.length).toBeGreaterThan(0);
    const order = await call('POST', `${stack.urls.shop}/orders`, { token, json: { productId: products.body[0].id, quantity: 2 } });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ productId: products.body[0].id, quantity: 2, totalCents: products.body[0].priceCents * 2 });

    const ticket = await call('POST', `${stack.urls.helpdesk}/tickets`, { token, json: { subject: 'Mug arrived cracked', body: 'Please help.' } });
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ subject: 'Mug arrived cracked', status: 'open' });

    const thread = await call('POST', `${stack.urls.forum}/threads`, { token, json: { title: 'Hello', body: 'First post' } });
    expect(thread.status).toBe(201);
    const reply = await call('POST', `${stack.urls.forum}/threads/${thread.body.id}/posts`, { token, json: { body: 'Welcome!' } });
    expect(reply.status).toBe(201);
    const threads = await call('GET', `${stack.urls.forum}/threads`);
    expect(threads.body[0]).toMatchObject({ id: thread.body.id, title: 'Hello', authorName: 'Alice', postCount: 1 });
  });

  it('serves discovery documents that name the token endpoint and the keys', async () => {
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      const reply = await call('GET', `${stack.urls.auth}${path}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        issuer: stack.urls.auth,
        jwks_uri: `${stack.urls.auth}/.well-known/jwks.json`,
        token_endpoint: `${stack.urls.auth}/oauth/token`,
        grant_types_supported: ['refresh_token', 'client_credentials'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
      expect(Array.isArray(reply.body.response_types_supported)).toBe(true);
      expect(Array.isArray(reply.body.token_endpoint_auth_methods_supported)).toBe(true);
    }
    const jwks = await call('GET', `${stack.urls.auth}/.well-known/jwks.json`);
    expect(jwks.body.keys).toHaveLength(1);
    expect(Object.keys(jwks.body.keys[0]).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });
});
