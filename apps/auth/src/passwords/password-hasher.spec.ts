import { describe, expect, it, jest } from '@jest/globals';
import { PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at OWASP cost, salted', async () => {
    const first = await hasher.hash('correct horse battery staple');
    const second = await hasher.hash('correct horse battery staple');
    const [, algorithm, version, parameters] = first.split('$');
    expect([algorithm, version]).toEqual(['argon2id', 'v=19']);
    expect(parameters!.split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'correct horse battery stapler')).resolves.toBe(false);
  });

  it('accepts the password typed in either Unicode normal form (NIST SP 800-63B-4 §3.1.1.2)', async () => {
    const composed = 'crème brûlée for everyone';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const hash = await hasher.hash(composed);
    await expect(hasher.verify(hash, decomposed)).resolves.toBe(true);
    await expect(hasher.verify(await hasher.hash(decomposed), composed)).resolves.toBe(true);
  });

  it('treats a corrupt stored hash as a mismatch, not a crash', async () => {
    await expect(hasher.verify('not-a-hash', 'whatever password')).resolves.toBe(false);
  });

  it('runs a real argon2 verification for unknown accounts, and never succeeds', async () => {
    const verify = jest.spyOn(hasher, 'verify');
    await expect(hasher.verifyDecoy('decoy password that matches no account')).resolves.toBe(false);
    expect(verify).toHaveBeenCalledWith(expect.stringMatching(/^\$argon2id\$/), 'decoy password that matches no account');
  });
});
