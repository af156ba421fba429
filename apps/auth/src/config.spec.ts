import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@sso/config';
import { authConfigSchema } from './config.js';

describe('auth configuration', () => {
  const required = { DATABASE_URL: 'postgresql://localhost:5432/auth' };

  it('accepts any access-token lifetime from 1 to 86,400 seconds, as the contract says', () => {
    expect(loadConfig(authConfigSchema, { ...required, ACCESS_TOKEN_TTL: '1' }).ACCESS_TOKEN_TTL).toBe(1);
    expect(loadConfig(authConfigSchema, { ...required, ACCESS_TOKEN_TTL: '86400' }).ACCESS_TOKEN_TTL).toBe(86_400);
    expect(() => loadConfig(authConfigSchema, { ...required, ACCESS_TOKEN_TTL: '0' })).toThrow(/ACCESS_TOKEN_TTL/);
    expect(() => loadConfig(authConfigSchema, { ...required, ACCESS_TOKEN_TTL: '86401' })).toThrow(/ACCESS_TOKEN_TTL/);
  });

  it('keeps a session one day unless SESSION_TTL says otherwise', () => {
    expect(loadConfig(authConfigSchema, required).SESSION_TTL).toBe(86_400);
    expect(loadConfig(authConfigSchema, { ...required, SESSION_TTL: '600' }).SESSION_TTL).toBe(600);
    expect(() => loadConfig(authConfigSchema, { ...required, SESSION_TTL: 'a day' })).toThrow(/SESSION_TTL/);
  });

  it('defaults ISSUER to http://localhost:<PORT> outside production', () => {
    expect(loadConfig(authConfigSchema, { ...required, PORT: '4000' }).ISSUER).toBe('http://localhost:4000');
    expect(loadConfig(authConfigSchema, { ...required, NODE_ENV: 'development' }).ISSUER).toBe('http://localhost:3000');
  });

  it('requires ISSUER in production, in one line', () => {
    // Everything else production requires, so that the line is about ISSUER alone.
    const production = { ...required, NODE_ENV: 'production', SIGNING_KEY_ENCRYPTION_KEY: 'ab'.repeat(32) };
    expect(() => loadConfig(authConfigSchema, production)).toThrow(/^ISSUER is required when NODE_ENV is production$/);
    expect(loadConfig(authConfigSchema, { ...production, ISSUER: 'https://auth.example.com' }).ISSUER).toBe('https://auth.example.com');
  });

  it('reads ALLOWED_ORIGINS for the CSRF origin check', () => {
    const config = loadConfig(authConfigSchema, { ...required, ALLOWED_ORIGINS: 'https://app.example.test,http://localhost:5173' });
    expect(config.ALLOWED_ORIGINS).toEqual(['https://app.example.test', 'http://localhost:5173']);
  });
});
