import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { authConfigSchema } from '../config.js';
import { PrismaService } from './prisma.service.js';

// The migrations are written by hand (packages/database says why): prove they build the schema the
// generated client expects, by writing and reading every model after migrating an empty database.
describe('auth schema and migrations agree', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    prisma = new PrismaService(authConfigSchema.parse({ DATABASE_URL: database.url }));
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.stop();
  });

  it('writes and reads users, refresh-token families, refresh tokens and signing keys', async () => {
    const user = await prisma.user.create({ data: { email: 'a@example.test', name: 'A', passwordHash: 'h' } });
    expect(user.roles).toEqual(['customer']);
    const family = await prisma.refreshTokenFamily.create({ data: { userId: user.id } });
    await prisma.refreshToken.create({ data: { familyId: family.id, tokenHash: 'f'.repeat(64), expiresAt: new Date(Date.now() + 1000) } });
    await prisma.signingKey.create({ data: { kid: 'k', algorithm: 'RS256', publicKey: 'pub', privateKey: 'priv' } });

    const read = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { families: { include: { tokens: true } } } });
    expect(read.families[0]!.tokens[0]!.tokenHash).toBe('f'.repeat(64));
    expect(await prisma.signingKey.findUniqueOrThrow({ where: { kid: 'k' } })).toMatchObject({ algorithm: 'RS256', retiredAt: null });
  });

  it('keeps emails unique and removes a user with their refresh tokens', async () => {
    await expect(prisma.user.create({ data: { email: 'a@example.test', name: 'B', passwordHash: 'h' } })).rejects.toMatchObject({ code: 'P2002' });
    await prisma.user.delete({ where: { email: 'a@example.test' } });
    expect(await prisma.refreshToken.count()).toBe(0);
  });

  it('writes and reads sessions and the session secret', async () => {
    const expire = new Date(Date.now() + 60_000);
    const sess = { cookie: { path: '/', httpOnly: true }, passport: { user: '0b7f6a52-6f1e-4a39-9d53-0d0b1d0a8e11' } };
    await prisma.session.create({ data: { sid: 'session-id', sess, expire } });
    await prisma.sessionSecret.create({ data: { id: 1, secret: 's'.repeat(43) } });

    expect(await prisma.session.findUniqueOrThrow({ where: { sid: 'session-id' } })).toEqual({ sid: 'session-id', sess, expire });
    const secret = await prisma.sessionSecret.findUniqueOrThrow({ where: { id: 1 } });
    expect(secret).toMatchObject({ secret: 's'.repeat(43), createdAt: expect.any(Date) });
  });

  it('writes and reads throttling counters, in the columns rate-limiter-flexible inserts positionally', async () => {
    const expire = BigInt(Date.now() + 60_000);
    await prisma.rateLimit.create({ data: { key: 'requests-auth:192.0.2.1', points: 1, expire } });
    expect(await prisma.rateLimit.findUniqueOrThrow({ where: { key: 'requests-auth:192.0.2.1' } })).toEqual({ key: 'requests-auth:192.0.2.1', points: 1, expire });
    const columns = await prisma.$queryRaw<Array<{ column_name: string }>>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'rate_limits' ORDER BY ordinal_position`;
    expect(columns.map((column) => column.column_name)).toEqual(['key', 'points', 'expire']);
  });

  it('writes and reads OAuth clients, their scope and audience lists, and their revocation', async () => {
    await prisma.oAuthClient.create({ data: { clientId: 'reporting-1', name: 'reporting', secretHash: 'e'.repeat(64), scopes: ['orders:read', 'orders:write'], audiences: ['shop'] } });
    const revokedAt = new Date();
    await prisma.oAuthClient.update({ where: { clientId: 'reporting-1' }, data: { revokedAt } });
    expect(await prisma.oAuthClient.findUniqueOrThrow({ where: { clientId: 'reporting-1' } })).toEqual({
      clientId: 'reporting-1',
      name: 'reporting',
      secretHash: 'e'.repeat(64),
      scopes: ['orders:read', 'orders:write'],
      audiences: ['shop'],
      createdAt: expect.any(Date),
      revokedAt,
    });
    await expect(prisma.oAuthClient.create({ data: { clientId: 'reporting-1', name: 'again', secretHash: 'f', scopes: [], audiences: [] } })).rejects.toMatchObject({ code: 'P2002' });
  });
});
