import { describe, expect, it } from '@jest/globals';
import { JwksKeySource } from './keys/jwks-key-source.js';
import { settingsFrom, type SsoGuardOptions } from './sso-guard.options.js';
import { SsoGuardModule } from './sso-guard.module.js';

describe('SsoGuardModule options', () => {
  const valid: SsoGuardOptions = { audience: 'shop', issuer: 'http://localhost:3000', jwksUri: 'http://localhost:3000/.well-known/jwks.json' };
  const keySource = { getKey: async () => undefined };

  it('fills the defaults: tolerance 5 s, realm the first audience, keys from jwksUri', () => {
    const settings = settingsFrom({ ...valid, audience: ['helpdesk', 'shop'] });
    expect(settings).toMatchObject({ audience: ['helpdesk', 'shop'], issuer: valid.issuer, clockToleranceSeconds: 5, realm: 'helpdesk' });
    expect(settings.keySource).toBeInstanceOf(JwksKeySource);
  });

  it('uses a given key source and realm as they are', () => {
    const settings = settingsFrom({ audience: 'shop', issuer: 'https://sso.example', keySource, realm: 'auth', clockToleranceSeconds: 30 });
    expect(settings).toMatchObject({ keySource, realm: 'auth', clockToleranceSeconds: 30 });
  });

  it('takes no sessions and no other origins unless told', () => {
    const settings = settingsFrom(valid);
    expect(settings.sessionStore).toBeUndefined();
    expect([...settings.allowedOrigins]).toEqual([]);
    expect([...settingsFrom({ ...valid, allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] }).allowedOrigins]).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
  });

  describe('jwksUri over plain http', () => {
    const jwksAt = (origin: string) => `${origin}/.well-known/jwks.json`;

    it.each(['https://auth.example', 'http://localhost:3000', 'http://127.0.0.1:3000', 'http://127.8.9.10', 'http://[::1]:3000', 'http://127.1:3000'])(
      'is allowed from %s (https, or a loopback host)',
      (origin) => {
        expect(() => settingsFrom({ ...valid, jwksUri: jwksAt(origin) })).not.toThrow();
      },
    );

    it.each(['http://auth:3000', 'http://10.0.0.5', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'http://[::2]', 'http://128.0.0.1'])(
      'is refused from %s at forRoot, in one sentence naming the way out',
      (origin) => {
        expect(() => SsoGuardModule.forRoot({ ...valid, jwksUri: jwksAt(origin) })).toThrow(
          new Error(
            `Invalid SsoGuardModule options: jwksUri must use https unless its host is loopback (localhost, 127.0.0.0/8, [::1]) or allowInsecureJwksUri is set (AUTH_ALLOW_HTTP=true for a resource service), got ${new URL(origin).origin}.`,
          ),
        );
      },
    );

    it('is allowed from any host when allowInsecureJwksUri says so', () => {
      expect(() => settingsFrom({ ...valid, jwksUri: jwksAt('http://auth:3000'), allowInsecureJwksUri: true })).not.toThrow();
    });

    it('is allowed to a resource service only with AUTH_ALLOW_HTTP=true', () => {
      const service = { AUTH_ISSUER: 'http://localhost:3000', JWKS_URI: jwksAt('http://auth:3000'), ALLOWED_ORIGINS: [], SESSION_MODE: 'per-server' as const };
      expect(() => SsoGuardModule.forResourceService('shop', service)).toThrow(/jwksUri must use https/);
      expect(() => SsoGuardModule.forResourceService('shop', { ...service, AUTH_ALLOW_HTTP: false })).toThrow(/jwksUri must use https/);
      expect(() => SsoGuardModule.forResourceService('shop', { ...service, AUTH_ALLOW_HTTP: true })).not.toThrow();
    });
  });

  it.each<[string, Partial<SsoGuardOptions>, RegExp]>([
    ['an empty audience', { audience: '' }, /audience must be/],
    ['an empty audience list', { audience: [] }, /audience must be/],
    ['an issuer with a trailing slash', { issuer: 'http://localhost:3000/' }, /issuer must be an http\(s\) URL without a trailing slash/],
    ['an issuer that is not a URL', { issuer: 'auth' }, /issuer must be/],
    ['both jwksUri and keySource', { keySource }, /exactly one of jwksUri and keySource/],
    ['neither jwksUri nor keySource', { jwksUri: undefined }, /exactly one of jwksUri and keySource/],
    ['a jwksUri that is not a URL', { jwksUri: 'jwks.json' }, /jwksUri must be an http\(s\) URL/],
    ['a jwksUri that is not http(s)', { jwksUri: 'file:///etc/jwks.json' }, /jwksUri must be an http\(s\) URL/],
    ['a jwksUri with credentials', { jwksUri: 'https://user:secret@auth.example/jwks.json' }, /jwksUri must not contain credentials\.$/],
    ['a clock tolerance above 30 s', { clockToleranceSeconds: 31 }, /clockToleranceSeconds must be from 0 to 30, got 31/],
    ['a negative clock tolerance', { clockToleranceSeconds: -1 }, /clockToleranceSeconds/],
    ['a negative JWKS cooldown', { jwksCooldownSeconds: -5 }, /jwksCooldownSeconds/],
    ['a realm with a quote', { realm: 'sh"op' }, /realm must be/],
    ['an allowed origin with a path', { allowedOrigins: ['https://app.example.com/'] }, /allowedOrigins must hold origins/],
    ['an allowed origin without a scheme', { allowedOrigins: ['app.example.com'] }, /allowedOrigins must hold origins/],
  ])('refuses %s at forRoot, in one sentence', (_name, change, message) => {
    const options = { ...valid, ...change } as SsoGuardOptions;
    expect(() => SsoGuardModule.forRoot(options)).toThrow(message);
    expect(() => SsoGuardModule.forRoot(options)).toThrow(/^Invalid SsoGuardModule options: [^\n]+\.$/);
  });
});
