import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { freePort, startTestDatabase, type TestDatabase } from '@sso/stack';
import jwt from 'jsonwebtoken';
import { spawn } from 'node:child_process';
import { createPublicKey, randomBytes, type JsonWebKey } from 'node:crypto';
import pg from 'pg';

// auth as `node apps/auth/dist/main.js` runs it (build first), on a database of its own: what is
// stored, and what a restart with the same, another or no SIGNING_KEY_ENCRYPTION_KEY does.
describe('signing private keys at rest', () => {
  const main = new URL('../../dist/main.js', import.meta.url).pathname;
  const key = randomBytes(32).toString('hex');
  const running = new Set<{ stop(): Promise<void> }>();
  let database: TestDatabase;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
  });
  afterAll(() => database?.stop());
  beforeEach(() => query('DELETE FROM signing_keys'));
  afterEach(() => Promise.all([...running].map((auth) => auth.stop())));

  it('stores the private key encrypted, and signs with it again after a restart with the same key', async () => {
    const first = await boot({ SIGNING_KEY_ENCRYPTION_KEY: key });
    const kid = await publishedKid(first.url);
    await first.stop();

    const [row] = await query('SELECT kid, private_key FROM signing_keys');
    expect(row).toEqual({ kid, private_key: expect.stringMatching(/^v1:[A-Za-z0-9+/]+={0,2}$/) });

    const second = await boot({ SIGNING_KEY_ENCRYPTION_KEY: key });
    try {
      expect(await publishedKid(second.url)).toBe(kid);
      await expectSignsVerifiably(second.url, kid);
    } finally {
      await second.stop();
    }
  });

  it('stops at boot in one line, never a stack trace, when the key is not the one that encrypted it', async () => {
    await (await boot({ SIGNING_KEY_ENCRYPTION_KEY: key })).stop();
    const before = await query('SELECT kid, private_key FROM signing_keys');

    const wrong = await bootFailing({ SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex') });
    expect(wrong.stderr).toBe(
      `auth: failed to start: SIGNING_KEY_ENCRYPTION_KEY does not decrypt signing key ${before[0]!.kid}: it is not the key the signing key was encrypted with, or the stored key was altered\n`,
    );
    expect(wrong.stdout).not.toMatch(/\bat .*\.js:\d+/);
    expect(await query('SELECT kid, private_key FROM signing_keys')).toEqual(before);
  });

  it('stops at boot in one line when the key is left out but the stored key is encrypted', async () => {
    await (await boot({ SIGNING_KEY_ENCRYPTION_KEY: key })).stop();
    const [{ kid }] = await query('SELECT kid FROM signing_keys');
    expect((await bootFailing({})).stderr).toBe(
      `auth: failed to start: Signing key ${kid} is stored encrypted, but SIGNING_KEY_ENCRYPTION_KEY is not set; set it to the key that encrypted it\n`,
    );
  });

  it('without a key warns once and stores PEM; the first start with a key encrypts it, kid unchanged', async () => {
    const plain = await boot({});
    const kid = await publishedKid(plain.url);
    await plain.stop();
    expect(plain.stdout().match(/SIGNING_KEY_ENCRYPTION_KEY is not set/g)).toHaveLength(1);
    expect((await query('SELECT private_key FROM signing_keys'))[0]!.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);

    const encrypted = await boot({ SIGNING_KEY_ENCRYPTION_KEY: key });
    try {
      expect(await publishedKid(encrypted.url)).toBe(kid);
      expect(await query('SELECT kid, private_key FROM signing_keys')).toEqual([{ kid, private_key: expect.stringMatching(/^v1:/) }]);
      expect(encrypted.stdout()).not.toContain('SIGNING_KEY_ENCRYPTION_KEY is not set');
      await expectSignsVerifiably(encrypted.url, kid);
    } finally {
      await encrypted.stop();
    }
  });

  it('refuses to start in production without a key, in one line', async () => {
    const run = await bootFailing({ NODE_ENV: 'production', ISSUER: 'https://auth.example.test' });
    expect(run.stderr).toBe('auth: invalid configuration: SIGNING_KEY_ENCRYPTION_KEY is required when NODE_ENV is production\n');
  });

  async function expectSignsVerifiably(url: string, kid: string): Promise<void> {
    const email = `${randomBytes(6).toString('hex')}@example.test`;
    const password = 'a long enough password for the test';
    await post(`${url}/auth/register`, { email, password, name: 'Key Test' });
    const { access_token: token } = (await (await post(`${url}/auth/login`, { email, password })).json()) as { access_token: string };
    const { keys } = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const publicKey = createPublicKey({ key: keys.find((jwk) => jwk.kid === kid)!, format: 'jwk' });
    expect(jwt.decode(token, { complete: true })!.header.kid).toBe(kid);
    expect(() => jwt.verify(token, publicKey, { algorithms: ['RS256'] })).not.toThrow();
  }

  async function publishedKid(url: string): Promise<string> {
    const { keys } = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(keys).toHaveLength(1);
    return keys[0]!.kid;
  }

  /** Starts auth and resolves once `GET /health` answers; fails with its output if it exits first. */
  async function boot(env: Record<string, string>) {
    const auth = await spawnAuth(env);
    const deadline = Date.now() + 20_000;
    while (!(await isHealthy(auth.url))) {
      if (auth.exitCode() !== undefined || Date.now() > deadline) throw new Error(`auth did not start:\n${auth.stderr()}${auth.stdout()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return auth;
  }

  /** Starts auth expecting it to stop at boot: its exit code must be 1. */
  async function bootFailing(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
    const auth = await spawnAuth(env);
    const stillRunning = new Promise<'still running'>((resolve) => setTimeout(resolve, 20_000, 'still running').unref());
    expect(await Promise.race([auth.exited, stillRunning])).toBe(1);
    return { stdout: auth.stdout(), stderr: auth.stderr() };
  }

  async function spawnAuth(env: Record<string, string>) {
    const port = await freePort();
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let code: number | null | undefined;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve((code = exitCode))));
    const auth = {
      url: `http://127.0.0.1:${port}`,
      exited,
      exitCode: () => code,
      stdout: () => stdout,
      stderr: () => stderr,
      async stop() {
        child.kill('SIGTERM');
        await exited;
      },
    };
    running.add(auth);
    void exited.then(() => running.delete(auth));
    return auth;
  }

  async function query(sql: string): Promise<Record<string, string>[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
});

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).status === 200;
  } catch {
    return false;
  }
}
