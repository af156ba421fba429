import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { authConfigSchema, type AuthConfig } from '../config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { RefreshTokenRejected, RefreshTokens } from './refresh-tokens.service.js';

describe('RefreshTokens (on a real PostgreSQL)', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let tokens: RefreshTokens;
  let userId: string;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    const config: AuthConfig = authConfigSchema.parse({ DATABASE_URL: database.url, REFRESH_TOKEN_TTL: '3600' });
    prisma = new PrismaService(config);
    tokens = new RefreshTokens(config, prisma);
    userId = (await prisma.user.create({ data: { email: 'r@example.test', name: 'R', passwordHash: 'x' } })).id;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.stop();
  });

  const rejection = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: RefreshTokenRejected) => error.reason);

  it('issues 256 random bits and stores only their SHA-256', async () => {
    const token = await tokens.start(userId);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await prisma.refreshToken.findMany();
    expect(stored.some((row) => row.tokenHash === token)).toBe(false);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  it('rotates: the successor works once, the spent token never again', async () => {
    const first = await tokens.start(userId);
    const second = await tokens.rotate(first);
    expect(second.user.id).toBe(userId);
    expect(second.refreshToken).not.toBe(first);
    const third = await tokens.rotate(second.refreshToken);
    expect(third.refreshToken).not.toBe(second.refreshToken);
  });

  it('revokes the whole family when a spent token is presented again', async () => {
    const first = await tokens.start(userId);
    const second = await tokens.rotate(first);
    await expect(rejection(tokens.rotate(first))).resolves.toBe('reused');
    await expect(rejection(tokens.rotate(second.refreshToken))).resolves.toBe('revoked');
  });

  it('logs a reuse once, at warn, with the user, the revoked family and the address, and never the token', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const first = await tokens.start(userId);
      await tokens.rotate(first);
      await Promise.all([rejection(tokens.rotate(first, '203.0.113.5')), rejection(tokens.rotate(first, '203.0.113.5'))]);
      await rejection(tokens.rotate(first, '203.0.113.5'));
      expect(warn).toHaveBeenCalledTimes(1);
      const family = await prisma.refreshToken.findFirstOrThrow({ where: { usedAt: { not: null } }, orderBy: { createdAt: 'desc' } });
      expect(warn.mock.calls[0]![0]).toEqual({ event: 'refresh_token_reuse', userId, familyId: family.familyId, ip: '203.0.113.5' });
      expect(JSON.stringify(warn.mock.calls)).not.toContain(first);
    } finally {
      warn.mockRestore();
    }
  });

  it('lets exactly one of two concurrent uses of a token win, and then revokes the family', async () => {
    const token = await tokens.start(userId);
    const outcomes = await Promise.all([rejection(tokens.rotate(token)), rejection(tokens.rotate(token))]);
    expect(outcomes.sort()).toEqual(['accepted', 'reused']);
    const family = await prisma.refreshToken.findFirst({ where: { usedAt: { not: null } }, orderBy: { createdAt: 'desc' }, include: { family: true } });
    expect(family?.family.revokedAt).not.toBeNull();
  });

  it('refuses an expired token without revoking the family', async () => {
    const token = await tokens.start(userId);
    const latest = await prisma.refreshToken.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    await prisma.refreshToken.update({ where: { id: latest.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(rejection(tokens.rotate(token))).resolves.toBe('expired');
    const family = await prisma.refreshTokenFamily.findUniqueOrThrow({ where: { id: latest.familyId } });
    expect(family.revokedAt).toBeNull();
  });

  it('refuses an unknown token', async () => {
    await expect(rejection(tokens.rotate('never-issued'))).resolves.toBe('unknown');
  });

  it('never lets rotation carry a login past its absolute lifetime', async () => {
    const token = await tokens.start(userId);
    const latest = await prisma.refreshToken.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    // A login started 30 days minus a minute ago: its next token lives a minute, not another hour.
    const startedAt = new Date(Date.now() - (30 * 86_400 - 60) * 1000);
    await prisma.refreshTokenFamily.update({ where: { id: latest.familyId }, data: { createdAt: startedAt } });
    await tokens.rotate(token);
    const successor = await prisma.refreshToken.findFirstOrThrow({ where: { familyId: latest.familyId, usedAt: null } });
    expect(successor.expiresAt.getTime()).toBe(startedAt.getTime() + 30 * 86_400 * 1000);
  });

  it('logs a user out everywhere: every login of theirs ends, other users keep theirs', async () => {
    const other = (await prisma.user.create({ data: { email: 'o@example.test', name: 'O', passwordHash: 'x' } })).id;
    const [phone, laptop, someoneElse] = [await tokens.start(userId), await tokens.start(userId), await tokens.start(other)];
    await tokens.revokeAllOf(userId);
    await expect(rejection(tokens.rotate(phone))).resolves.toBe('revoked');
    await expect(rejection(tokens.rotate(laptop))).resolves.toBe('revoked');
    await expect(rejection(tokens.rotate(someoneElse))).resolves.toBe('accepted');
  });

  it('revokes a login on logout, and ignores unknown tokens', async () => {
    const token = await tokens.start(userId);
    await tokens.revoke('never-issued');
    await tokens.revoke(token);
    await expect(rejection(tokens.rotate(token))).resolves.toBe('revoked');
  });
});
