import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { setTimeout as sleep } from 'node:timers/promises';
import { CAROL, login, RESOURCE_SERVICES, type TokenPair } from './support/demo.js';
import { decodeJwt, forgeJwt } from './support/forge.js';
import { call } from './support/http.js';

// auth rotates its signing key while a client keeps calling all three services: not one request
// may fail, and the new key ends up signing. Both times are short here so the test is quick: the
// rotation delay (3 s, default 60) must be at least the services' JWKS cooldown (2 s, default 30).
describe('signing key rotation under load', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startTestStack({ KEY_ROTATION_DELAY: '3', JWKS_COOLDOWN: '2' });
  });
  afterAll(() => stack?.stop());

  it('rotates with zero failed requests, and the new kid signs afterwards', async () => {
    let pair: TokenPair = await login(stack, CAROL);
    const oldToken = pair.access_token;
    const oldKid = decodeJwt(oldToken).header.kid;
    const failures: string[] = [];
    let requests = 0;
    let running = true;

    // The client: every service in turn, as fast as it goes; a token renewed every second.
    const client = (async () => {
      let renewedAt = Date.now();
      while (running) {
        for (const service of RESOURCE_SERVICES) {
          const reply = await call('GET', `${stack.urls[service]}/me`, { token: pair.access_token });
          requests += 1;
          if (reply.status !== 200) failures.push(`${service} ${reply.status} ${reply.headers.get('www-authenticate')}`);
        }
        if (Date.now() - renewedAt > 1000) {
          const refreshed = await call<TokenPair>('POST', `${stack.urls.auth}/auth/refresh`, { json: { refresh_token: pair.refresh_token } });
          if (refreshed.status !== 200) failures.push(`refresh ${refreshed.status}`);
          else pair = refreshed.body;
          renewedAt = Date.now();
        }
      }
    })();

    await sleep(500);
    // The worst moment to rotate: each service has just fetched the keys (for a made-up kid), so
    // its cooldown forbids another fetch for 2 s. Were the new key to sign at once, tokens signed
    // with it would be refused for those 2 s; published 3 s ahead, every service has it in time.
    const madeUp = forgeJwt({ alg: 'RS256', typ: 'at+jwt', kid: 'made-up' }, {}, () => 'c2ln');
    for (const service of RESOURCE_SERVICES) await call('GET', `${stack.urls[service]}/me`, { token: madeUp });
    const rotation = await call('POST', `${stack.urls.auth}/auth/keys/rotate`, { token: pair.access_token });
    expect(rotation.status).toBe(202);
    expect(rotation.body).toMatchObject({ kid: expect.any(String), retiring: [{ kid: oldKid, retiresAt: expect.any(String) }] });
    const jwks = await call('GET', `${stack.urls.auth}/.well-known/jwks.json`);
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid).sort()).toEqual([oldKid, rotation.body.kid].sort());

    await sleep(5_500); // the 3 s delay, then tokens signed by the new key for a while
    running = false;
    await client;

    console.log(`key rotation: ${requests} requests to shop, helpdesk and forum during the rotation, ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(30);
    expect(decodeJwt(pair.access_token).header.kid).toBe(rotation.body.kid);
    // A token the old key signed, still within its lifetime, keeps working: the old key is still published.
    for (const service of RESOURCE_SERVICES) {
      expect((await call('GET', `${stack.urls[service]}/me`, { token: oldToken })).status).toBe(200);
    }
  });

  it('lets only an admin rotate', async () => {
    const { access_token: token } = await login(stack, 'alice@example.com');
    expect((await call('POST', `${stack.urls.auth}/auth/keys/rotate`, { token })).status).toBe(403);
    expect((await call('POST', `${stack.urls.auth}/auth/keys/rotate`)).status).toBe(401);
  });
});
