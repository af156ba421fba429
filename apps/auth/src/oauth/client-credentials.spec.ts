import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { basicAuthorization, decodeJwt, postForm, startAuthApp, type TestAuthApp } from '../auth-app.test-support.js';
import { type CreatedClient, OAuthClientRegistry } from '../clients/oauth-client-registry.js';

// The client credentials grant (RFC 6749 §4.4) over HTTP, on auth booted as `npm start` boots it.
describe('POST /oauth/token with grant_type=client_credentials', () => {
  let auth: TestAuthApp;
  let clients: OAuthClientRegistry;
  let reporting: CreatedClient;
  let issuer: string;

  beforeAll(async () => {
    auth = await startAuthApp();
    issuer = ((await (await fetch(`${auth.url}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer;
    clients = new OAuthClientRegistry(auth.prisma);
    reporting = await clients.create({ name: 'reporting', scopes: ['orders:read', 'orders:write'], audiences: ['shop', 'helpdesk'] });
  });
  afterAll(() => auth?.close());

  const token = (form: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
    postForm(`${auth.url}/oauth/token`, form, headers);
  const asBasic = (form: Record<string, string | string[]> = {}, client = reporting) =>
    token({ grant_type: 'client_credentials', ...form }, { authorization: basicAuthorization(client.client.clientId, client.secret) });
  const asPost = (form: Record<string, string | string[]> = {}, client = reporting) =>
    token({ grant_type: 'client_credentials', client_id: client.client.clientId, client_secret: client.secret, ...form });

  /** Verifies the token against auth's published JWKS, as a resource service would. */
  const verified = async (accessToken: string, audience: string) => {
    const { keys } = (await (await fetch(`${auth.url}/.well-known/jwks.json`)).json()) as { keys: Array<JsonWebKey & { kid: string }> };
    const { header } = decodeJwt(accessToken);
    const jwk = keys.find((key) => key.kid === header.kid)!;
    return jwt.verify(accessToken, createPublicKey({ key: jwk, format: 'jwk' }), { algorithms: ['RS256'], issuer, audience });
  };

  it('grants client_secret_basic an RFC 9068 token for the client itself, with every scope and audience it has by default', async () => {
    const reply = await asBasic();
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const body = (await reply.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']); // no refresh_token (§4.4.3)
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'orders:read orders:write' });

    const { header, claims } = decodeJwt(body.access_token as string);
    expect(header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    expect(Object.keys(claims).sort()).toEqual(['aud', 'client_id', 'exp', 'iat', 'iss', 'jti', 'scope', 'sub']);
    expect(claims).toMatchObject({
      iss: issuer,
      sub: reporting.client.clientId,
      client_id: reporting.client.clientId,
      aud: ['shop', 'helpdesk'],
      scope: 'orders:read orders:write',
    });
    for (const userClaim of ['email', 'email_verified', 'name', 'roles']) expect(claims).not.toHaveProperty(userClaim);
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    await expect(verified(body.access_token as string, 'shop')).resolves.toMatchObject({ sub: reporting.client.clientId });
  });

  it('grants client_secret_post the same', async () => {
    const reply = await asPost();
    expect(reply.status).toBe(200);
    const { access_token: accessToken } = (await reply.json()) as { access_token: string };
    expect(decodeJwt(accessToken).claims).toMatchObject({ sub: reporting.client.clientId, aud: ['shop', 'helpdesk'] });
  });

  it('decodes Basic credentials form-encoded as RFC 6749 §2.3.1 says, and takes the scheme in any case', async () => {
    const raw = `basic ${Buffer.from(`${reporting.client.clientId}:${reporting.secret}`).toString('base64')}`;
    expect((await token({ grant_type: 'client_credentials' }, { authorization: raw })).status).toBe(200);
  });

  it('refuses two authentication methods at once with invalid_request (RFC 6749 §2.3)', async () => {
    const reply = await asBasic({ client_id: reporting.client.clientId, client_secret: reporting.secret });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('one client authentication method') });
  });

  it('answers an unknown client, a wrong secret and a revoked client alike: 401 invalid_client with a Basic challenge', async () => {
    const revoked = await clients.create({ name: 'gone', scopes: ['orders:read'], audiences: ['shop'] });
    await clients.revoke(revoked.client.clientId);
    const attempts = [
      asBasic({}, { ...reporting, secret: `${reporting.secret}x` }),
      asBasic({}, { client: { ...reporting.client, clientId: 'no-such-client' }, secret: reporting.secret }),
      asBasic({}, revoked),
      asPost({}, { ...reporting, secret: 'wrong-secret-but-long-enough-to-look-real' }),
    ];
    const bodies = new Set<string>();
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Basic realm="sso"');
      expect(reply.headers.get('cache-control')).toBe('no-store');
      bodies.add(await reply.text());
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
  });

  it('answers a request with no client authentication, or malformed Basic credentials, with 401 invalid_client', async () => {
    for (const reply of [
      await token({ grant_type: 'client_credentials' }),
      await token({ grant_type: 'client_credentials', client_id: reporting.client.clientId }),
      await token({ grant_type: 'client_credentials' }, { authorization: 'Basic not-base64-at-all!' }),
      await token({ grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }),
    ]) {
      expect(reply.status).toBe(401);
      expect(((await reply.json()) as { error: string }).error).toBe('invalid_client');
    }
  });

  it('narrows the scope to what is asked, and refuses a scope the client lacks with invalid_scope', async () => {
    const narrowed = await asBasic({ scope: 'orders:read' });
    expect(narrowed.status).toBe(200);
    const body = (await narrowed.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe('orders:read');
    expect(decodeJwt(body.access_token).claims.scope).toBe('orders:read');

    const refused = await asBasic({ scope: 'orders:read admin:everything' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_scope', error_description: expect.stringContaining('"admin:everything"') });
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('narrows the audience with resource (repeatable) or its alias audience, and refuses another service with invalid_target', async () => {
    const one = (await (await asBasic({ resource: 'shop' })).json()) as { access_token: string };
    expect(decodeJwt(one.access_token).claims.aud).toEqual(['shop']);
    const both = (await (await asPost({ resource: ['helpdesk', 'shop'] })).json()) as { access_token: string };
    expect(decodeJwt(both.access_token).claims.aud).toEqual(['helpdesk', 'shop']);
    const alias = (await (await asBasic({ audience: 'helpdesk' })).json()) as { access_token: string };
    expect(decodeJwt(alias.access_token).claims.aud).toEqual(['helpdesk']);

    const refused = await asBasic({ resource: ['shop', 'forum'] });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_target', error_description: expect.stringContaining('"forum"') });
  });

  it('refuses a repeated scope parameter with invalid_request (RFC 6749 §3.2)', async () => {
    const reply = await asBasic({ scope: ['orders:read', 'orders:write'] });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('keeps the other grants as they were: refresh_token answers invalid_grant for a bad token, password is unsupported', async () => {
    const refresh = await token({ grant_type: 'refresh_token', refresh_token: 'never-issued' });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    const password = await token({ grant_type: 'password', username: 'a@example.test', password: 'x' });
    expect(password.status).toBe(400);
    expect(((await password.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('locks a client id from one address after 10 failed authentications (the right secret included), like logins', async () => {
    const target = await clients.create({ name: 'guessed', scopes: ['orders:read'], audiences: ['shop'] });
    const wrong = { ...target, secret: 'not-the-secret-but-just-as-long-as-one-is' };
    for (let failure = 1; failure <= 10; failure += 1) expect((await asBasic({}, wrong)).status).toBe(401);
    const locked = await asBasic({}, target);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(890);
    expect(await locked.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Another client from the same address is not affected, and a success forgets its own failures.
    expect((await asBasic()).status).toBe(200);
  });

  it('is named in both discovery documents, with the two client authentication methods and the introspection endpoint', async () => {
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      const metadata = (await (await fetch(`${auth.url}${path}`)).json()) as Record<string, unknown>;
      expect(metadata.grant_types_supported).toEqual(['refresh_token', 'client_credentials']);
      expect(metadata.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
      expect(metadata).toMatchObject({
        introspection_endpoint: `${issuer}/oauth/introspect`,
        introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
  });
});
