import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { authConfigSchema } from '../config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { loadSessionSecret } from './session-secret.js';

describe('loadSessionSecret (on a real PostgreSQL)', () => {
  let database: TestDatabase;
  const clients: PrismaService[] = [];

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    const config = authConfigSchema.parse({ DATABASE_URL: database.url });
    clients.push(new PrismaService(config), new PrismaService(config));
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
    await database?.stop();
  });

  it('creates one 32-byte secret when two instances start at once, and both read the same one', async () => {
    const [first, second] = await Promise.all(clients.map(loadSessionSecret));
    expect(first).toBe(second);
    expect(Buffer.from(first!, 'base64url')).toHaveLength(32);
    expect(await clients[0]!.sessionSecret.count()).toBe(1);
  });

  it('keeps the secret across restarts', async () => {
    const before = await loadSessionSecret(clients[0]!);
    expect(await loadSessionSecret(clients[1]!)).toBe(before);
  });
});
