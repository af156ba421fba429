import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ConflictException, UnauthorizedException } from '@nestjs/common';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import jwt from 'jsonwebtoken';
import { authConfigSchema, type AuthConfig } from '../config.js';
import { SigningKeys } from '../keys/signing-keys.service.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { AccessTokens } from '../tokens/access-tokens.service.js';
import { RefreshTokens } from '../tokens/refresh-tokens.service.js';
import { AuthService } from './auth.service.js';

describe('AuthService (on a real PostgreSQL)', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let passwords: PasswordHasher;
  let keys: SigningKeys;
  let auth: AuthService;
  let config: AuthConfig;
  const password = 'a perfectly long password';

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    config = authConfigSchema.parse({ DATABASE_URL: database.url, PORT: '4000', ACCESS_TOKEN_TTL: '120' });
    prisma = new PrismaService(config);
    passwords = new PasswordHasher();
    keys = new SigningKeys(prisma, config);
    await keys.onModuleInit();
    auth = new AuthService(prisma, passwords, new AccessTokens(config, keys), new RefreshTokens(config, prisma));
    await auth.register({ email: 'Grace@Example.test', password, name: ' Grace ' });
  });
  afterAll(async () => {
    keys?.onModuleDestroy();
    await prisma?.$disconnect();
    await database?.stop();
  });

  it('stores the email lower-cased and the password only as an argon2id hash', async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'grace@example.test' } });
    expect(user.name).toBe('Grace');
    expect(user.roles).toEqual(['customer']);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(password);
  });

  it('refuses a second account for the same email in another case', async () => {
    await expect(auth.register({ email: 'GRACE@example.test', password, name: 'Twin' })).rejects.toThrow(ConflictException);
  });

  it('issues an RS256 at+jwt that verifies with the published key and honours ACCESS_TOKEN_TTL', async () => {
    const { tokens: pair, user } = await auth.login({ email: 'grace@example.test', password });
    expect(user).toMatchObject({ email: 'grace@example.test', name: 'Grace', roles: ['customer'] });
    expect(pair.expires_in).toBe(120);
    const { header } = jwt.decode(pair.access_token, { complete: true })!;
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: keys.jwks().keys[0]!.kid });
    const verified = jwt.verify(pair.access_token, (await keys.getKey(header.kid!))!, {
      algorithms: ['RS256'],
      issuer: 'http://localhost:4000',
      audience: 'helpdesk',
    }) as jwt.JwtPayload;
    expect(verified.exp! - verified.iat!).toBe(120);
    expect(verified).toMatchObject({ email: 'grace@example.test', name: 'Grace', roles: ['customer'], client_id: 'sso-web' });
  });

  it('answers an unknown email and a wrong password alike, and verifies a hash for both', async () => {
    const verify = jest.spyOn(passwords, 'verify');
    const unknown = await auth.login({ email: 'nobody@example.test', password }).catch((error: Error) => error);
    const wrong = await auth.login({ email: 'grace@example.test', password: 'not the right password' }).catch((error: Error) => error);
    expect(unknown).toBeInstanceOf(UnauthorizedException);
    expect(wrong).toBeInstanceOf(UnauthorizedException);
    expect((unknown as UnauthorizedException).getResponse()).toEqual((wrong as UnauthorizedException).getResponse());
    expect(verify).toHaveBeenCalledTimes(2); // the unknown email is checked against a decoy hash
  });

  it('keeps the same signing key across restarts', async () => {
    const again = new SigningKeys(prisma, config);
    await again.onModuleInit();
    again.onModuleDestroy();
    expect(again.signingKey().kid).toBe(keys.signingKey().kid);
    expect(again.jwks()).toEqual(keys.jwks());
  });

  it('publishes only the public members of its keys', () => {
    const [key] = keys.jwks().keys;
    expect(Object.keys(key!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });
});
