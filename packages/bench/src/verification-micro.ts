import { VerifiedTokenCache } from '@sso/guard';
import { jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';
import { createVerify, generateKeyPairSync, type KeyObject, randomUUID, verify } from 'node:crypto';
import type { MicroResult } from './bench-report.js';
import { median } from './statistics.js';

const ISSUER = 'https://auth.bench.test';
const AUDIENCE = 'shop';

interface SignedToken {
  token: string;
  publicKey: KeyObject;
}

/**
 * Verification alone, in this process, no HTTP: a token shaped as auth signs it (RFC 9068, RS256,
 * 2048-bit key), checked by jsonwebtoken (as the guard's passport-jwt does), by jose, by node:crypto
 * (the signature only: the floor every library stands on), and found in the guard's
 * verified-token cache. Each runs in turn for `millis`, `samples` times; the medians are reported.
 */
export async function benchVerification(millis: number, samples: number): Promise<MicroResult[]> {
  const { token, publicKey } = signedToken();
  const dot = token.lastIndexOf('.');
  const [signingInput, signature] = [Buffer.from(token.slice(0, dot)), Buffer.from(token.slice(dot + 1), 'base64url')];
  const cache = new VerifiedTokenCache(10_000);
  const claims = jwt.decode(token) as jwt.JwtPayload;
  cache.remember(token, 'bench', {
    kind: 'user',
    id: claims.sub!,
    email: claims.email,
    name: claims.name,
    roles: claims.roles,
    token: { clientId: claims.client_id, scope: ['openid'], tokenId: claims.jti!, expiresAt: new Date(claims.exp! * 1000) },
  } as Parameters<VerifiedTokenCache['remember']>[2]);

  const verifiers: [string, () => unknown][] = [
    ['jsonwebtoken verify (as the guard)', () => jwt.verify(token, publicKey, { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE, complete: true })],
    ['jose jwtVerify', () => jwtVerify(token, publicKey, { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE, typ: 'at+jwt' })],
    ['node:crypto verify (signature only)', () => verify('RSA-SHA256', signingInput, publicKey, signature)],
    ['node:crypto createVerify (signature only)', () => createVerify('RSA-SHA256').update(signingInput).verify(publicKey, signature)],
    ['verified-token cache hit (SHA-256 + map)', () => cache.get(token)],
  ];
  for (const [name, run] of verifiers) if (!(await run())) throw new Error(`${name} did not accept the token`);

  const timings = new Map<string, number[]>(verifiers.map(([name]) => [name, []]));
  for (let sample = 0; sample < samples; sample++) {
    for (const [name, run] of verifiers) timings.get(name)!.push(await nanosecondsPerCall(run, millis));
  }
  return verifiers.map(([name]) => {
    const nanoseconds = median(timings.get(name)!);
    return { name, microseconds: nanoseconds / 1_000, operationsPerSecond: 1e9 / nanoseconds };
  });
}

/** Calls `run` (awaiting it only when it returns a promise) for about `millis`, in batches so the clock is read rarely. */
async function nanosecondsPerCall(run: () => unknown, millis: number): Promise<number> {
  const deadline = process.hrtime.bigint() + BigInt(millis * 1e6);
  const started = process.hrtime.bigint();
  let calls = 0;
  let now = started;
  while (now < deadline) {
    for (let batch = 0; batch < 50; batch++) {
      const result = run();
      if (result instanceof Promise) await result;
    }
    calls += 50;
    now = process.hrtime.bigint();
  }
  return Number(now - started) / calls;
}

function signedToken(): SignedToken {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const token = jwt.sign(
    {
      sub: randomUUID(),
      client_id: 'bench',
      scope: 'openid',
      email: 'bench@example.test',
      name: 'Bench',
      roles: ['customer'],
      jti: randomUUID(),
    },
    privateKey,
    { algorithm: 'RS256', keyid: 'bench', issuer: ISSUER, audience: [AUDIENCE, 'helpdesk', 'forum'], expiresIn: 900, header: { alg: 'RS256', typ: 'at+jwt' } },
  );
  return { token, publicKey };
}
