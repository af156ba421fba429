import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { ALICE, login, RESOURCE_SERVICES } from './support/demo.js';
import { readSigningKey } from './support/auth-keys.js';
import { decodeJwt, forgeJwt, signWith, tamper } from './support/forge.js';
import { call } from './support/http.js';

// Forged, tampered and expired tokens against every resource service, then auth switched off.
describe('what the services refuse, and what they survive', () => {
  let stack: RunningStack;
  let honest: string;
  let auth: { kid: string; privateKey: KeyObject };
  let claims: Record<string, any>;

  beforeAll(async () => {
    stack = await startTestStack();
    honest = (await login(stack, ALICE)).access_token;
    auth = await readSigningKey(stack.databaseUrls.auth);
    claims = decodeJwt(honest).payload;
  });
  afterAll(() => stack?.stop());

  const now = () => Math.floor(Date.now() / 1000);
  const header = (extra: object = {}) => ({ alg: 'RS256', typ: 'at+jwt', kid: auth.kid, ...extra });
  const signed = (payload: object, head: object = header()) => forgeJwt(head, payload, signWith.rs256(auth.privateKey));
  const without = (claim: string) => () => {
    const { [claim]: _dropped, ...rest } = claims;
    return signed(rest);
  };

  async function expectRefused(token: string, description: RegExp) {
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`, { token });
      expect({ service, status: reply.status }).toEqual({ service, status: 401 });
      expect(reply.headers.get('www-authenticate')).toMatch(new RegExp(`^Bearer realm="${service}", error="invalid_token"`));
      expect(reply.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(reply.headers.get('www-authenticate')).toMatch(description);
    }
  }

  it('accepts the honest token everywhere, with any case of "Bearer"', async () => {
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`, { headers: { authorization: `bEaReR ${honest}` } });
      expect(reply.status).toBe(200);
    }
  });

  it('challenges a request without a token, with no error code (RFC 6750 §3.1)', async () => {
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe(`Bearer realm="${service}"`);
    }
  });

  const attacks: Array<[string, () => string, RegExp]> = [
    ['garbage', () => 'not.a.jwt', /malformed|invalid/i],
    ['alg: none', () => forgeJwt({ alg: 'none', typ: 'at+jwt', kid: auth.kid }, claims, signWith.none()), /algorithm/i],
    [
      'HS256 keyed with the published public key',
      () => {
        const pem = createPublicKey(auth.privateKey).export({ type: 'spki', format: 'pem' });
        return forgeJwt(header({ alg: 'HS256' }), claims, signWith.hs256(pem));
      },
      /algorithm/i,
    ],
    [
      'a foreign key claiming auth kid',
      () => forgeJwt(header(), claims, signWith.rs256(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)),
      /signature/i,
    ],
    ['a tampered payload (customer → admin)', () => tamper(honest, (payload) => (payload.roles = ['admin'])), /signature/i],
    ['an unknown kid', () => signed(claims, header({ kid: 'not-a-published-key' })), /key/i],
    ['a header that names its own key (jku)', () => signed(claims, header({ kid: undefined, jku: 'http://evil.example/jwks.json' })), /key/i],
    ['typ JWT', () => signed(claims, header({ typ: 'JWT' })), /type/i],
    ['no typ', () => signed(claims, header({ typ: undefined })), /type/i],
    ['another issuer', () => signed({ ...claims, iss: 'http://evil.example' }), /issuer/i],
    ['another audience', () => signed({ ...claims, aud: ['billing'] }), /audience/i],
    ['expired beyond the leeway', () => signed({ ...claims, iat: now() - 1000, exp: now() - 60 }), /expired/i],
    ['not valid yet', () => signed({ ...claims, nbf: now() + 600 }), /not (yet )?valid|before/i],
    ...['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id'].map(
      (claim): [string, () => string, RegExp] => [`no ${claim}`, without(claim), /claim|issuer|audience|expir/i],
    ),
  ];

  it.each(attacks)('refuses %s on every service', async (_name, token, description) => {
    await expectRefused(token(), description);
  });

  it('accepts a token re-signed with auth key when only harmless fields change', async () => {
    const token = signed({ ...claims, jti: randomUUID() }, header({ typ: 'application/AT+JWT' }));
    for (const service of RESOURCE_SERVICES) {
      expect((await call('GET', `${stack.urls[service]}/me`, { token })).status).toBe(200);
    }
  });

  it('keeps serving from cached keys while auth is down, and refuses unknown keys meanwhile', async () => {
    await stack.stopService('auth');
    expect(await fetch(`${stack.urls.auth}/health`).then(() => 'up', () => 'down')).toBe('down');

    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`, { token: honest });
      expect(reply).toMatchObject({ status: 200, body: { service, user: { email: ALICE } } });
    }
    const order = await call('POST', `${stack.urls.shop}/orders`, {
      token: honest,
      json: { productId: (await call('GET', `${stack.urls.shop}/products`)).body[0].id, quantity: 1 },
    });
    expect(order.status).toBe(201);
    await expectRefused(signed(claims, header({ kid: 'rotated-while-auth-was-down' })), /key/i);

    await stack.startService('auth');
    const again = await login(stack, ALICE);
    expect(decodeJwt(again.access_token).header.kid).toBe(auth.kid); // the key survived the restart
    expect((await call('GET', `${stack.urls.auth}/auth/me`, { token: honest })).status).toBe(200);
  });
});
