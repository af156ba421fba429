import { describe, expect, it } from '@jest/globals';
import { type VerifiedCaller, VerifiedTokenCache } from './verified-token-cache.js';

const caller = (id: string, expiresAt: number): VerifiedCaller => ({
  kind: 'user',
  id,
  email: `${id}@example.test`,
  emailVerified: false,
  name: id,
  roles: ['customer'],
  token: { clientId: 'sso-web', scope: [], tokenId: `jti-${id}`, expiresAt: new Date(expiresAt) },
});

describe('VerifiedTokenCache', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('answers a token it was told verified, until the token expires', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('token-a', 'kid-1', caller('a', now + 5_000));
    expect(cache.get('token-a')?.id).toBe('a');
    now += 4_999;
    expect(cache.get('token-a')?.id).toBe('a');
    now += 1;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('knows nothing it was not told: any other token, even one differing by a character, is a miss', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('header.payload.signature', 'kid-1', caller('a', now + 5_000));
    expect(cache.get('header.payload.signaturf')).toBeUndefined();
    expect(cache.get('')).toBeUndefined();
  });

  it('is bounded, and evicts the least recently used', () => {
    const cache = new VerifiedTokenCache(2, clock);
    cache.remember('token-a', 'kid-1', caller('a', now + 5_000));
    cache.remember('token-b', 'kid-1', caller('b', now + 5_000));
    cache.get('token-a'); // a is now more recent than b
    cache.remember('token-c', 'kid-1', caller('c', now + 5_000));
    expect(cache.size).toBe(2);
    expect(cache.get('token-b')).toBeUndefined();
    expect(cache.get('token-a')?.id).toBe('a');
    expect(cache.get('token-c')?.id).toBe('c');
  });

  it('forgets the tokens of a key that is no longer published', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('token-a', 'withdrawn', caller('a', now + 5_000));
    cache.remember('token-b', 'kept', caller('b', now + 5_000));
    cache.retainKeys(new Set(['kept']));
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.get('token-b')?.id).toBe('b');
  });

  it('keeps only hashes of the tokens, never a token itself', () => {
    const cache = new VerifiedTokenCache(10, clock);
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl';
    cache.remember(token, 'kid-1', caller('a', now + 5_000));
    const stored = [...(cache as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(token.slice(0, 10));
    expect(stored[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('does not remember a token already expired', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('token-a', 'kid-1', caller('a', now));
    expect(cache.size).toBe(0);
  });
});
