import { afterEach, describe, expect, it } from '@jest/globals';
import type { KeyObject } from 'node:crypto';
import type { Counter } from 'prom-client';
import { VerifiedTokenCache } from '../access-token/verified-token-cache.js';
import { AUDIENCE, get, ISSUER, newSigningKey, nowSeconds, signAccessToken, signApplicationToken, startTestApp, type TestApp } from '../guard.test-support.js';
import { JwksKeySource } from '../keys/jwks-key-source.js';
import { ACCESS_REFUSAL_DESCRIPTIONS } from '../rejections/access-refusal.js';
import { REJECTION_DESCRIPTIONS } from '../rejections/token-rejection.js';
import { guardMetricsRegistry, jwksFetches, tokenRejections, verifiedTokenCacheLookups } from './guard-metrics.js';

/** The counter's current value for exactly these labels (0 when the series does not exist). */
async function valueOf<L extends string>(counter: Counter<L>, labels: Partial<Record<L, string>>): Promise<number> {
  const { values } = await counter.get();
  const series = values.find((each) => Object.entries(labels).every(([name, value]) => each.labels[name as L] === value));
  return series?.value ?? 0;
}

/** How much each labelled series grew while `during` ran. */
async function growth<L extends string>(counter: Counter<L>, series: Array<Partial<Record<L, string>>>, during: () => Promise<unknown>): Promise<number[]> {
  const before = await Promise.all(series.map((labels) => valueOf(counter, labels)));
  await during();
  const after = await Promise.all(series.map((labels) => valueOf(counter, labels)));
  return after.map((value, index) => value - before[index]!);
}

describe('the guard’s metrics', () => {
  // Read before any test runs: what a scrape sees right after boot.
  const atBoot = guardMetricsRegistry.metrics();
  const auth = newSigningKey('auth-key-1');
  const keySource = { getKey: async (kid: string): Promise<KeyObject | undefined> => (kid === auth.kid ? auth.publicKey : undefined) };
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('counts every refused request under its named reason, and nothing for an accepted one', async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, clockToleranceSeconds: 0, verifiedTokenCache: false });
    const { url } = app;
    const reasons = [{ reason: 'expired' }, { reason: 'missing_token' }, { reason: 'bad_signature' }, { reason: 'wrong_audience' }];
    const grown = await growth(tokenRejections, reasons, async () => {
      expect((await get(`${url}/me`, `Bearer ${signAccessToken(auth, { claims: { exp: nowSeconds() - 60 } })}`)).status).toBe(401);
      expect((await get(`${url}/me`, `Bearer ${signAccessToken(auth, { claims: { exp: nowSeconds() - 60 } })}`)).status).toBe(401);
      expect((await get(`${url}/me`)).status).toBe(401);
      expect((await get(`${url}/me`, `Bearer ${signAccessToken(newSigningKey(auth.kid))}`)).status).toBe(401);
      expect((await get(`${url}/me`, `Bearer ${signAccessToken(auth)}`)).status).toBe(200);
    });
    expect(grown).toEqual([2, 1, 1, 0]);
  });

  it('counts the 403 refusals of an authenticated caller too, and says so in its help text', async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, verifiedTokenCache: false });
    const { url } = app;
    const reasons = [{ reason: 'insufficient_scope' }, { reason: 'application_not_admitted' }];
    const grown = await growth(tokenRejections, reasons, async () => {
      expect((await get(`${url}/customers/c-1/orders`, `Bearer ${signAccessToken(auth)}`)).status).toBe(403);
      expect((await get(`${url}/tickets/all`, `Bearer ${signApplicationToken(auth)}`)).status).toBe(403);
      expect((await get(`${url}/customers/c-1/orders`, `Bearer ${signApplicationToken(auth)}`)).status).toBe(200);
    });
    expect(grown).toEqual([1, 1]);
    expect(await guardMetricsRegistry.metrics()).toMatch(/^# HELP sso_token_rejections_total .*401.*403 .*insufficient_scope, application_not_admitted/m);
  });

  it('counts JWKS fetches by outcome: success, and failure for an unreachable auth, an error status or a malformed document', async () => {
    const jwk = { ...auth.publicKey.export({ format: 'jwk' }), kid: auth.kid, use: 'sig', alg: 'RS256' };
    const answers: Array<() => Promise<Response>> = [
      async () => Response.json({ keys: [jwk] }),
      async () => {
        throw new TypeError('fetch failed');
      },
      async () => new Response('oops', { status: 500 }),
      async () => Response.json({ not: 'a key set' }),
      async () => Response.json({ keys: [jwk] }),
    ];
    const source = new JwksKeySource({ jwksUri: 'https://auth.test/.well-known/jwks.json', cooldownSeconds: 0, fetch: () => answers.shift()!(), logger: { log() {}, warn() {}, error() {} } });
    const grown = await growth(jwksFetches, [{ outcome: 'success' }, { outcome: 'failure' }], async () => {
      for (let fetches = 0; fetches < 5; fetches += 1) await source.refresh();
    });
    expect(grown).toEqual([2, 3]);
    expect(await source.getKey(auth.kid)).toBeDefined();
  });

  it('counts verified-token cache lookups: a miss for a token never seen or expired, a hit for one that verified', async () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache(10, () => now);
    const caller = { kind: 'user' as const, id: 'a', email: 'a@example.test', emailVerified: false, name: 'A', roles: ['customer' as const] };
    const grown = await growth(verifiedTokenCacheLookups, [{ result: 'hit' }, { result: 'miss' }], async () => {
      cache.get('token-a');
      cache.remember('token-a', auth.kid, { ...caller, token: { clientId: 'sso-web', scope: [], tokenId: 'jti-a', expiresAt: new Date(now + 1_000) } });
      cache.get('token-a');
      cache.get('token-a');
      now += 1_000;
      cache.get('token-a');
    });
    expect(grown).toEqual([2, 2]);
  });

  it('shows every reason and outcome from boot, before it first happens, in Prometheus text', async () => {
    const text = await atBoot;
    expect(text).toContain('# TYPE sso_token_rejections_total counter');
    const reasons = [...Object.keys(REJECTION_DESCRIPTIONS), ...Object.keys(ACCESS_REFUSAL_DESCRIPTIONS)];
    const series = [...text.matchAll(/^sso_token_rejections_total\{reason="(\w+)"\} 0$/gm)].map(([, reason]) => reason);
    expect(series.sort()).toEqual(reasons.sort());
    expect(series).toEqual(expect.arrayContaining(['keys_unavailable', 'insufficient_scope', 'application_not_admitted']));
    expect(text).toMatch(/^sso_jwks_fetches_total\{outcome="failure"\} \d+$/m);
    expect(text).toMatch(/^sso_verified_token_cache_lookups_total\{result="hit"\} \d+$/m);
  });
});
