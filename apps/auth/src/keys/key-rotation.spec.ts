import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { setTimeout as sleep } from 'node:timers/promises';
import { authConfigSchema, type AuthConfig } from '../config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { SigningKeys } from './signing-keys.service.js';

// Rotation as Auth0 and Okta do it: publish the next key first, sign with it later, and keep the
// old one published until every token it signed has expired.
describe('signing key rotation (on a real PostgreSQL)', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let config: AuthConfig;
  let keys: SigningKeys;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    config = authConfigSchema.parse({ DATABASE_URL: database.url, ACCESS_TOKEN_TTL: '120', KEY_ROTATION_DELAY: '1' });
    prisma = new PrismaService(config);
    keys = new SigningKeys(prisma, config);
    await keys.onModuleInit();
  });
  afterAll(async () => {
    keys?.onModuleDestroy();
    await prisma?.$disconnect();
    await database?.stop();
  });

  const publishedKids = () => keys.jwks().keys.map((key) => key.kid);

  it('publishes the next key at once, signs with it only after the delay, and keeps the old one published', async () => {
    const old = keys.signingKey().kid;
    const rotation = await keys.rotate();
    expect(rotation.kid).not.toBe(old);
    expect(publishedKids().sort()).toEqual([old, rotation.kid].sort());
    expect(keys.signingKey().kid).toBe(old);
    expect(await keys.getKey(rotation.kid)).toBeDefined();

    await sleep(1100);
    expect(keys.signingKey().kid).toBe(rotation.kid);
    expect(publishedKids()).toContain(old);
  });

  it('retires an old key only after the last token it signed has expired, plus the largest leeway', async () => {
    const rotation = await keys.rotate();
    const [retiring] = rotation.retiring.filter((key) => key.kid !== rotation.kid);
    const expected = rotation.activatesAt.getTime() + 120_000 + 30_000;
    expect(rotation.retiring.every((key) => key.retiresAt.getTime() === expected)).toBe(true);
    // Once that time has passed, the key is gone from the JWKS (here: moved into the past).
    await prisma.signingKey.update({ where: { kid: retiring!.kid }, data: { retiredAt: new Date(Date.now() - 1) } });
    const restarted = new SigningKeys(prisma, config);
    await restarted.onModuleInit();
    restarted.onModuleDestroy();
    expect(restarted.jwks().keys.map((key) => key.kid)).not.toContain(retiring!.kid);
    expect(restarted.jwks().keys.map((key) => key.kid)).toContain(rotation.kid);
  });

  it('survives a restart in the middle of a rotation with the same schedule', async () => {
    const rotation = await keys.rotate();
    const restarted = new SigningKeys(prisma, config);
    await restarted.onModuleInit();
    restarted.onModuleDestroy();
    expect(restarted.signingKey().kid).toBe(keys.signingKey().kid);
    expect(restarted.jwks().keys.map((key) => key.kid)).toContain(rotation.kid);
  });
});
