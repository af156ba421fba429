import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, type RunningStack, startTestStack } from '@sso/stack';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALICE, login, RESOURCE_SERVICES } from './support/demo.js';
import { forgeJwt } from './support/forge.js';
import { call } from './support/http.js';
import { type JwksFault, JwksFaultProxy } from './support/jwks-fault-proxy.js';
import { serviceLogLines } from './support/service-log.js';

const COOLDOWN_SECONDS = 2;

/** A token naming a key nobody published: it makes a service want to refetch the JWKS. */
const unknownKidToken = (kid: string) => forgeJwt({ alg: 'RS256', typ: 'at+jwt', kid }, { sub: 'x' }, () => 'c2ln');

// The resource services reach auth's JWKS through a proxy that can make auth slow, answer garbage
// or a 500, or withdraw every key. A service must never hang, never drop the keys it holds for a
// bad answer, never ask auth more than once per cooldown, and follow a well-formed withdrawal.
describe('auth slow, broken or withdrawing keys, as the resource services see it', () => {
  let stack: RunningStack;
  let proxy: JwksFaultProxy;
  let token: string;

  beforeAll(async () => {
    const authPort = await freePort();
    proxy = new JwksFaultProxy(`http://localhost:${authPort}`);
    const proxyUrl = await proxy.start();
    stack = await startTestStack({ AUTH_URL: proxyUrl, JWKS_COOLDOWN: String(COOLDOWN_SECONDS) }, { ports: { auth: authPort } });
    token = (await login(stack, ALICE)).access_token;
  });
  afterAll(async () => {
    await stack?.stop();
    await proxy?.stop();
  });

  /** Waits out the cooldown, so the next unknown kid makes the service fetch again. */
  const afterCooldown = () => sleep(COOLDOWN_SECONDS * 1000 + 200);

  it.each<[JwksFault, string]>([
    ['slow', 'answers after 10 s'],
    ['garbage', 'answers HTML instead of a key set'],
    ['error', 'answers 500'],
  ])('keeps serving held keys, without hanging, while auth %s (%s)', async (fault) => {
    proxy.fault = fault;
    try {
      await afterCooldown();
      const started = Date.now();
      const unknown = await Promise.all(RESOURCE_SERVICES.map((service) => call('GET', `${stack.urls[service]}/me`, { token: unknownKidToken(`new-${fault}`) })));
      expect(unknown.map((reply) => reply.status)).toEqual([401, 401, 401]);
      expect(Date.now() - started).toBeLessThan(8_000); // the guard gives up on auth after 5 s
      for (const service of RESOURCE_SERVICES) {
        const started = Date.now();
        expect((await call('GET', `${stack.urls[service]}/me`, { token })).status).toBe(200);
        expect(Date.now() - started).toBeLessThan(1_000); // a known kid never waits for auth
      }
    } finally {
      proxy.fault = 'none';
    }
  });

  it('asks auth at most once per cooldown, however many unknown kids arrive', async () => {
    proxy.fault = 'error';
    try {
      await afterCooldown();
      const before = proxy.requests;
      const flood = Array.from({ length: 60 }, (_, index) => call('GET', `${stack.urls.shop}/me`, { token: unknownKidToken(`flood-${index}`) }));
      expect((await Promise.all(flood)).every((reply) => reply.status === 401)).toBe(true);
      expect(proxy.requests - before).toBe(1);
    } finally {
      proxy.fault = 'none';
    }
  });

  it('logs a JWKS outage once when it starts and once when it ends', async () => {
    const outageLines = async () =>
      (await serviceLogLines(stack, 'forum')).filter((line) => /Could not fetch signing keys|works again/.test(line.msg ?? ''));
    // Start from a healthy fetch: earlier tests left forum in the middle of an outage.
    await afterCooldown();
    await call('GET', `${stack.urls.forum}/me`, { token: unknownKidToken('healthy-again') });
    await sleep(300);
    const before = (await outageLines()).length;
    proxy.fault = 'error';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await afterCooldown();
      await call('GET', `${stack.urls.forum}/me`, { token: unknownKidToken(`outage-${attempt}`) });
    }
    proxy.fault = 'none';
    await afterCooldown();
    await call('GET', `${stack.urls.forum}/me`, { token: unknownKidToken('outage-over') });
    await sleep(300); // pino writes asynchronously
    const lines = (await outageLines()).slice(before);
    expect(lines.map((line) => line.level)).toEqual([40, 30]); // warn, then info
  });

  it('follows a well-formed key set that withdraws a key: its tokens are refused from the next fetch on', async () => {
    proxy.fault = 'withdrawn';
    try {
      await afterCooldown();
      await call('GET', `${stack.urls.helpdesk}/me`, { token: unknownKidToken('after-withdrawal') });
      const refused = await call('GET', `${stack.urls.helpdesk}/me`, { token });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('unknown key');
    } finally {
      proxy.fault = 'none';
    }
    await afterCooldown();
    expect((await call('GET', `${stack.urls.helpdesk}/me`, { token })).status).toBe(200); // published again: fetched again
  });

  it('asks at most once per cooldown even before it ever got keys (auth broken since the service started)', async () => {
    proxy.fault = 'error';
    try {
      await stack.stopService('shop');
      await stack.startService('shop');
      const before = proxy.requests;
      const flood = Array.from({ length: 60 }, () => call('GET', `${stack.urls.shop}/me`, { token }));
      const replies = await Promise.all(flood);
      expect(replies.every((reply) => reply.status === 401 && reply.body.message.startsWith('Signing keys are unavailable'))).toBe(true);
      expect(proxy.requests - before).toBeLessThanOrEqual(1);
    } finally {
      proxy.fault = 'none';
    }
    await afterCooldown();
    expect((await call('GET', `${stack.urls.shop}/me`, { token })).status).toBe(200);
  });
});
