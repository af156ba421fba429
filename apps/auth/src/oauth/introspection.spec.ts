import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { basicAuthorization, decodeJwt, loginAs, postForm, startAuthApp, type TestAuthApp } from '../auth-app.test-support.js';
import { type CreatedClient, OAuthClientRegistry } from '../clients/oauth-client-registry.js';
import { SigningKeys } from '../keys/signing-keys.service.js';

// Token introspection (RFC 7662) over HTTP: shop's introspecting client asks about tokens.
describe('POST /oauth/introspect', () => {
  let auth: TestAuthApp;
  let clients: OAuthClientRegistry;
  let shop: CreatedClient;
  let reporting: CreatedClient;

  beforeAll(async () => {
    auth = await startAuthApp();
    clients = new OAuthClientRegistry(auth.prisma);
    shop = await clients.create({ name: 'shop introspection', scopes: ['introspect'], audiences: ['shop'] });
    reporting = await clients.create({ name: 'reporting', scopes: ['orders:read'], audiences: ['shop', 'helpdesk'] });
  });
  afterAll(() => auth?.close());

  const clientToken = async (client: CreatedClient, form: Record<string, string> = {}): Promise<string> => {
    const reply = await postForm(`${auth.url}/oauth/token`, { grant_type: 'client_credentials', ...form }, { authorization: basicAuthorization(client.client.clientId, client.secret) });
    if (reply.status !== 200) throw new Error(`token answered ${reply.status}`);
    return ((await reply.json()) as { access_token: string }).access_token;
  };
  const introspect = (token: string, caller: CreatedClient = shop, form: Record<string, string> = {}) =>
    postForm(`${auth.url}/oauth/introspect`, { token, ...form }, { authorization: basicAuthorization(caller.client.clientId, caller.secret) });
  /** Signs `claims` with auth's own signing key, as auth would: only what they say can make them unacceptable. */
  const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = { typ: 'at+jwt' }) => {
    const { kid, privateKey } = auth.app.get(SigningKeys).signingKey();
    return jwt.sign(claims, privateKey, { algorithm: 'RS256', header: { alg: 'RS256', kid, ...header } });
  };
  const answer = async (reply: Response) => {
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    return (await reply.json()) as Record<string, unknown>;
  };

  it('reports an application’s live token active, with its claims and no user claims', async () => {
    const token = await clientToken(reporting);
    const { claims } = decodeJwt(token);
    const body = await answer(await introspect(token, shop, { token_type_hint: 'access_token' }));
    expect(body).toEqual({
      active: true,
      scope: 'orders:read',
      client_id: reporting.client.clientId,
      sub: reporting.client.clientId,
      aud: ['shop', 'helpdesk'],
      iss: claims.iss,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      token_type: 'Bearer',
    });
  });

  it('reports a user’s live token active, with the identity claims', async () => {
    const token = await loginAs(auth, 'introspected@example.test');
    const body = await answer(await introspect(token));
    expect(body).toMatchObject({
      active: true,
      scope: 'openid profile email',
      client_id: 'sso-web',
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      aud: ['shop', 'helpdesk', 'forum'],
      token_type: 'Bearer',
      email: 'introspected@example.test',
      email_verified: false,
      name: 'Test User',
      roles: ['customer'],
    });
  });

  it('takes the caller’s credentials in the form too (client_secret_post)', async () => {
    const token = await clientToken(reporting);
    const reply = await postForm(`${auth.url}/oauth/introspect`, { token, client_id: shop.client.clientId, client_secret: shop.secret });
    expect((await answer(reply)).active).toBe(true);
  });

  it('reports a token for none of the caller’s services inactive (RFC 7662 §4)', async () => {
    const helpdeskOnly = await clientToken(reporting, { resource: 'helpdesk' });
    expect(await answer(await introspect(helpdeskOnly))).toEqual({ active: false });
    // The same token is active to a caller whose audience it names.
    const helpdesk = await clients.create({ name: 'helpdesk introspection', scopes: ['introspect'], audiences: ['helpdesk'] });
    expect((await answer(await introspect(helpdeskOnly, helpdesk))).active).toBe(true);
  });

  it('reports a revoked application’s token inactive at once, though its signature still verifies until exp', async () => {
    const doomed = await clients.create({ name: 'doomed', scopes: ['orders:read'], audiences: ['shop'] });
    const token = await clientToken(doomed);
    expect((await answer(await introspect(token))).active).toBe(true);
    await clients.revoke(doomed.client.clientId);
    expect(await answer(await introspect(token))).toEqual({ active: false });
  });

  it('reports anything auth did not sign, or signed but would not accept, inactive', async () => {
    const genuine = decodeJwt(await clientToken(reporting));
    const { kid } = auth.app.get(SigningKeys).signingKey();
    const { privateKey: foreignKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = jwt.sign({ ...genuine.claims }, foreignKey, { algorithm: 'RS256', header: { alg: 'RS256', typ: 'at+jwt', kid } });
    const { client_id: _clientId, ...withoutClientId } = genuine.claims;
    for (const token of [
      'garbage',
      'a.b.c',
      forged,
      signed({ ...genuine.claims, exp: Math.floor(Date.now() / 1000) - 60 }),
      signed({ ...genuine.claims, iss: 'https://elsewhere.example' }),
      signed({ ...genuine.claims }, { typ: 'JWT' }),
      signed(withoutClientId),
    ]) {
      expect(await answer(await introspect(token))).toEqual({ active: false });
    }
    expect((await answer(await introspect(signed({ ...genuine.claims })))).active).toBe(true); // the control: same claims, same key
  });

  it('reports a token auth signed inactive whenever a service would refuse it, by the guard’s own rules', async () => {
    const application = decodeJwt(await clientToken(reporting)).claims;
    const person = decodeJwt(await loginAs(auth, 'refused@example.test')).claims;
    const anHourAhead = Math.floor(Date.now() / 1000) + 3600;
    for (const token of [
      signed(application, { typ: 'at+jwt', crit: ['exp'] }), // RFC 7515 §4.1.11: extensions nobody here understands
      signed({ ...application, iat: anHourAhead }),
      signed({ ...application, iat: -1 }), // not a NumericDate: seconds since 1970 are never negative
      signed({ ...person, roles: ['customer', 'root'] }),
      signed({ ...application, email: 'someone@example.test' }), // an application's token describing a person
    ]) {
      expect(await answer(await introspect(token))).toEqual({ active: false });
    }
    // The controls: the same claims, unbent, are active.
    expect((await answer(await introspect(signed(application)))).active).toBe(true);
    expect((await answer(await introspect(signed(person)))).active).toBe(true);
  });

  it('reports a person’s token without scope active, as the services accept it, with no scopes', async () => {
    const { scope: _scope, ...person } = decodeJwt(await loginAs(auth, 'unscoped@example.test')).claims;
    expect(await answer(await introspect(signed(person)))).toMatchObject({ active: true, scope: '', sub: person.sub, email: 'unscoped@example.test' });
  });

  it('refuses a caller that is not an active client with 401 invalid_client, and a request without a token with 400', async () => {
    const token = await clientToken(reporting);
    const anonymous = await postForm(`${auth.url}/oauth/introspect`, { token });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="sso"');
    expect(await anonymous.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect((await introspect(token, { ...shop, secret: `${shop.secret}-wrong` })).status).toBe(401);

    const bearer = await postForm(`${auth.url}/oauth/introspect`, { token }, { authorization: `Bearer ${token}` });
    expect(bearer.status).toBe(401);

    const noToken = await postForm(`${auth.url}/oauth/introspect`, {}, { authorization: basicAuthorization(shop.client.clientId, shop.secret) });
    expect(noToken.status).toBe(400);
    expect(((await noToken.json()) as { error: string }).error).toBe('invalid_request');
  });
});
