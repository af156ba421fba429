import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUDIENCE, get, ISSUER, newSigningKey, RecordingLogger, type SigningKey, signAccessToken, startTestApp, type TestApp } from '../guard.test-support.js';
import { JwksKeySource } from './jwks-key-source.js';

/** auth's `/.well-known/jwks.json`, served by a real HTTP server that counts its requests. */
class JwksServer {
  requests = 0;
  status = 200;
  document: { keys: object[] } = { keys: [] };
  /** Set: answer 302 to this URL instead of the document. */
  redirectTo?: string;
  private readonly server: Server = createServer((_request, response) => {
    this.requests += 1;
    if (this.redirectTo) response.writeHead(302, { location: this.redirectTo }).end();
    else response.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify(this.document));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  publish(...keys: SigningKey[]): void {
    this.document = { keys: keys.map((key) => publicJwk(key)) };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The JWKS entry auth publishes for a key: RSA, `use: sig`, `alg: RS256`. */
function publicJwk(key: SigningKey, extra: object = {}): object {
  return { ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, use: 'sig', alg: 'RS256', ...extra };
}

/** A URL where nothing listens. */
async function deadUrl(): Promise<string> {
  const server = new JwksServer();
  const url = await server.start();
  await server.stop();
  return url;
}

describe('JwksKeySource', () => {
  const first = newSigningKey('first');
  const second = newSigningKey('second');
  let jwks: JwksServer;
  let jwksUri: string;
  let logger: RecordingLogger;

  beforeEach(async () => {
    jwks = new JwksServer();
    jwksUri = await jwks.start();
    jwks.publish(first);
    logger = new RecordingLogger();
  });
  afterEach(() => jwks.stop().catch(() => undefined));

  const source = (cooldownSeconds = 30) => new JwksKeySource({ jwksUri, cooldownSeconds, logger });

  it('loads lazily, then answers every lookup from one fetch', async () => {
    const keys = source();
    expect(jwks.requests).toBe(0);
    const found = await Promise.all(Array.from({ length: 10 }, () => keys.getKey('first')));
    for (let i = 0; i < 10; i += 1) await keys.getKey('first');
    expect(found.every((key) => key?.equals(first.publicKey))).toBe(true);
    expect(jwks.requests).toBe(1);
  });

  it('refetches once for an unknown kid (a rotation), sharing the fetch between concurrent lookups', async () => {
    const keys = source(0.2);
    await keys.getKey('first');
    jwks.publish(first, second);
    await sleep(250);
    const [a, b, c] = await Promise.all([keys.getKey('second'), keys.getKey('second'), keys.getKey('second')]);
    expect(jwks.requests).toBe(2);
    expect([a, b, c].every((key) => key?.equals(second.publicKey))).toBe(true);
  });

  it('does not refetch for a second unknown kid within the cooldown', async () => {
    const keys = source(60);
    await keys.getKey('first');
    jwks.publish(first, second);
    expect(await keys.getKey('second')).toBeUndefined();
    expect(await keys.getKey('third')).toBeUndefined();
    expect(jwks.requests).toBe(1);
  });

  it('drops keys auth no longer publishes once it refetches', async () => {
    const keys = source(0);
    await keys.getKey('first');
    jwks.publish(second);
    expect(await keys.getKey('second')).toBeDefined();
    expect(await keys.getKey('first')).toBeUndefined();
  });

  it('keeps serving cached keys after the JWKS server is gone, and after failed refetches', async () => {
    const keys = source(0);
    await keys.getKey('first');
    await jwks.stop();
    expect(await keys.getKey('rotated-meanwhile')).toBeUndefined();
    expect((await keys.getKey('first'))?.equals(first.publicKey)).toBe(true);
    expect(logger.warnings('Could not fetch signing keys')).toEqual([expect.stringContaining('keeping 1 cached key(s)')]);
  });

  it('keeps its cache when the server answers an error', async () => {
    const keys = source(0);
    await keys.getKey('first');
    jwks.status = 503;
    expect(await keys.getKey('second')).toBeUndefined();
    expect(await keys.getKey('first')).toBeDefined();
    expect(logger.warnings('HTTP 503')).toHaveLength(1);
  });

  it('rejects when no keys could ever be fetched, and asks auth at most once per cooldown meanwhile', async () => {
    jwks.status = 500;
    const keys = source(0.3);
    const lookups = await Promise.allSettled(Array.from({ length: 50 }, (_, index) => keys.getKey(`made-up-${index}`)));
    expect(lookups.every((lookup) => lookup.status === 'rejected')).toBe(true);
    await expect(keys.getKey('first')).rejects.toThrow(/No signing keys could be fetched/);
    expect(jwks.requests).toBe(1);
    await sleep(350);
    jwks.status = 200;
    expect((await keys.getKey('first'))?.equals(first.publicKey)).toBe(true);
    expect(jwks.requests).toBe(2);
  });

  it('logs an outage once when it starts and once when it ends, not per failed fetch', async () => {
    const keys = source(0);
    await keys.getKey('first');
    jwks.status = 500;
    for (let attempt = 0; attempt < 5; attempt += 1) await keys.getKey(`unknown-${attempt}`);
    jwks.status = 200;
    await keys.getKey('unknown-after');
    expect(logger.warnings('Could not fetch signing keys')).toHaveLength(1);
    expect(logger.lines.filter((line) => line.text.includes('works again'))).toHaveLength(1);
  });

  it('tells who listens which kids are published whenever they change, and only then', async () => {
    const told: string[][] = [];
    const keys = new JwksKeySource({ jwksUri, cooldownSeconds: 0, logger, onKeysChanged: (kids) => told.push([...kids]) });
    await keys.getKey('first');
    await keys.getKey('unknown'); // refetched, same key set
    jwks.publish(second);
    await keys.getKey('second');
    expect(told).toEqual([['first'], ['second']]);
  });

  it('keeps its keys when auth answers garbage instead of a key set', async () => {
    const keys = source(0);
    await keys.getKey('first');
    jwks.document = 'not a key set' as unknown as { keys: object[] };
    expect(await keys.getKey('second')).toBeUndefined();
    expect((await keys.getKey('first'))?.equals(first.publicKey)).toBe(true);
  });

  it('refreshes keys older than maxAge in the background, so a withdrawn key stops being trusted', async () => {
    const keys = new JwksKeySource({ jwksUri, cooldownSeconds: 0.2, maxAgeSeconds: 0.2, logger });
    await keys.getKey('first');
    jwks.publish(second); // first is withdrawn (compromised)
    await sleep(250);
    expect(await keys.getKey('first')).toBeDefined(); // answered from the cache, while the refresh runs
    await sleep(50);
    expect(await keys.getKey('first')).toBeUndefined();
    expect(jwks.requests).toBe(2);
  });

  it('refuses a redirect instead of following it: the keys come from the configured URI or from nowhere', async () => {
    const elsewhere = new JwksServer();
    elsewhere.publish(first);
    jwks.redirectTo = await elsewhere.start();
    try {
      await expect(source().getKey('first')).rejects.toThrow(/No signing keys could be fetched/);
      expect(jwks.requests).toBe(1);
      expect(elsewhere.requests).toBe(0);
      expect(logger.warnings('Could not fetch signing keys')).toEqual([expect.stringContaining('redirect')]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('keeps only RSA signature keys for RS256, of 2048 bits or more, that have a kid', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const bare = newSigningKey('bare');
    jwks.document = {
      keys: [
        publicJwk(first),
        { ...bare.publicKey.export({ format: 'jwk' }), kid: 'bare' }, // no use, no alg: allowed
        { ...ec, kid: 'ec', use: 'sig', alg: 'ES256' },
        publicJwk(newSigningKey('encryption'), { use: 'enc' }),
        publicJwk(newSigningKey('rs512'), { alg: 'RS512' }),
        publicJwk(newSigningKey(''), { kid: undefined }),
        { kty: 'RSA', kid: 'weak', n: 'AQAB', e: 'AQAB' }, // RFC 7518 §3.3 asks for 2048 bits or more
        { kty: 'RSA', kid: 'unreadable', n: 42, e: 'AQAB' },
      ],
    };
    const keys = source(60);
    expect(await keys.getKey('first')).toBeDefined();
    expect((await keys.getKey('bare'))?.equals(bare.publicKey)).toBe(true);
    for (const kid of ['ec', 'encryption', 'rs512', 'weak', 'unreadable']) expect({ kid, key: await keys.getKey(kid) }).toEqual({ kid, key: undefined });
    expect(jwks.requests).toBe(1);
  });
});

describe('the guard with keys from a JWKS server', () => {
  const auth = newSigningKey();
  const jwks = new JwksServer();
  let app: TestApp;

  beforeAll(async () => {
    jwks.publish(auth);
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, jwksUri: await jwks.start(), jwksCooldownSeconds: 0 });
  });
  afterAll(() => app?.close());

  it('verifies tokens, and keeps verifying them while auth is down', async () => {
    expect((await get(`${app.url}/me`, `Bearer ${signAccessToken(auth)}`)).status).toBe(200);
    await jwks.stop();
    expect((await get(`${app.url}/me`, `Bearer ${signAccessToken(auth)}`)).status).toBe(200);
    const unknown = await get(`${app.url}/me`, `Bearer ${signAccessToken(newSigningKey('rotated-while-down'))}`);
    expect(unknown.status).toBe(401);
    expect(unknown.challenge).toMatch(/error="invalid_token", error_description="Access token is signed with an unknown key"/);
    expect(app.rejections.at(-1)).toBe('unknown_key');
  });
});

describe('the guard when auth goes down before the first request', () => {
  const auth = newSigningKey();
  const jwks = new JwksServer();
  let app: TestApp;

  beforeAll(async () => {
    jwks.publish(auth);
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, jwksUri: await jwks.start() });
  });
  afterAll(() => app?.close());

  it('loaded the keys at boot, so it verifies tokens without ever reaching auth again', async () => {
    expect(jwks.requests).toBe(1);
    await jwks.stop();
    expect((await get(`${app.url}/me`, `Bearer ${signAccessToken(auth)}`)).status).toBe(200);
  });
});

describe('the guard when auth was never reachable', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, jwksUri: await deadUrl() });
  });
  afterAll(() => app?.close());

  it('refuses with 401 keys_unavailable, and logs the outage once', async () => {
    const reply = await get(`${app.url}/me`, `Bearer ${signAccessToken(newSigningKey())}`);
    expect(reply.status).toBe(401);
    expect(reply.challenge).toMatch(/error="invalid_token", error_description="Signing keys are unavailable/);
    expect(app.rejections.at(-1)).toBe('keys_unavailable');
    expect(app.logger.warnings('Could not fetch signing keys')).toHaveLength(1);
  });
});
