import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@sso/config';
import { randomBytes } from 'node:crypto';
import { authConfigSchema } from '../config.js';

describe('SIGNING_KEY_ENCRYPTION_KEY', () => {
  const required = { DATABASE_URL: 'postgresql://auth:pw@localhost:5432/auth' };
  const secret = randomBytes(32);
  const load = (env: Record<string, string>) => loadConfig(authConfigSchema, { ...required, ...env });

  it.each([
    ['hex', secret.toString('hex')],
    ['base64', secret.toString('base64')],
    ['base64url', secret.toString('base64url')],
    ['hex with a trailing newline', `${secret.toString('hex')}\n`],
  ])('reads 32 bytes written as %s', (_form, value) => {
    expect(load({ SIGNING_KEY_ENCRYPTION_KEY: value }).SIGNING_KEY_ENCRYPTION_KEY).toEqual(secret);
  });

  it.each([
    ['31 bytes', randomBytes(31).toString('hex')],
    ['a passphrase', 'correct horse battery staple, but not random'],
  ])('refuses %s in one line, without printing the value', (_case, value) => {
    expect(() => load({ SIGNING_KEY_ENCRYPTION_KEY: value })).toThrow(
      /^SIGNING_KEY_ENCRYPTION_KEY: must be at least 32 random bytes, as hex \(openssl rand -hex 32\) or base64 \(value not shown\)$/,
    );
  });

  it('may be left out outside production, and is required in production', () => {
    expect(load({}).SIGNING_KEY_ENCRYPTION_KEY).toBeUndefined();
    expect(() => load({ NODE_ENV: 'production', ISSUER: 'https://auth.example.test' })).toThrow(
      /^SIGNING_KEY_ENCRYPTION_KEY is required when NODE_ENV is production$/,
    );
  });
});
