import { describe, expect, it } from '@jest/globals';
import { clientSecretMatches, generateClientSecret, hashClientSecret } from './client-secret.js';
import { assertValidClientId, InvalidClientRegistration, validRegistration } from './client-registration.js';

describe('client registration rules', () => {
  it('trims the name and drops repeated scopes and audiences', () => {
    expect(validRegistration({ name: ' reporting ', scopes: ['orders:read', 'orders:read'], audiences: ['shop', 'shop', 'forum'] })).toEqual({
      name: 'reporting',
      scopes: ['orders:read'],
      audiences: ['shop', 'forum'],
    });
  });

  it.each([
    [{ name: '', scopes: ['a'], audiences: ['shop'] }, /name/],
    [{ name: 'x'.repeat(101), scopes: ['a'], audiences: ['shop'] }, /name/],
    [{ name: 'x', scopes: [], audiences: ['shop'] }, /scope/],
    [{ name: 'x', scopes: ['has space'], audiences: ['shop'] }, /scope "has space"/],
    [{ name: 'x', scopes: ['a'], audiences: [] }, /audience/],
    [{ name: 'x', scopes: ['a'], audiences: ['auth'] }, /audience "auth"/],
  ])('refuses %p', (registration, message) => {
    expect(() => validRegistration(registration)).toThrow(InvalidClientRegistration);
    expect(() => validRegistration(registration)).toThrow(message);
  });

  it('keeps client ids apart from user ids and from the first-party client', () => {
    expect(() => assertValidClientId('helpdesk')).not.toThrow();
    expect(() => assertValidClientId('0B7F6A52-6F1E-4A39-9D53-0D0B1D0A8E11')).toThrow(); // upper case fails the pattern first
    expect(() => assertValidClientId('0b7f6a52-6f1e-4a39-9d53-0d0b1d0a8e11')).toThrow(/UUID/);
    expect(() => assertValidClientId('sso-web')).toThrow(/reserved/);
    expect(() => assertValidClientId('has:colon')).toThrow(/lower-case letters/);
  });
});

describe('client secrets', () => {
  it('are 32 random bytes in base64url, stored as SHA-256 and compared against it', () => {
    const secret = generateClientSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateClientSecret()).not.toBe(secret);
    const stored = hashClientSecret(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(clientSecretMatches(secret, stored)).toBe(true);
    expect(clientSecretMatches(`${secret}x`, stored)).toBe(false);
    expect(clientSecretMatches(secret, 'not-a-hash')).toBe(false);
  });
});
