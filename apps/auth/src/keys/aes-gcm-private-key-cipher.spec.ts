import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { AesGcmPrivateKeyCipher } from './aes-gcm-private-key-cipher.js';

describe('AesGcmPrivateKeyCipher', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cipher = new AesGcmPrivateKeyCipher(randomBytes(32));

  it('stores v1: and base64 of IV, tag and ciphertext, never the PEM, and reads the PEM back', async () => {
    const stored = await cipher.encrypt(pem, 'kid-1');
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(stored.slice(3), 'base64').length).toBe(12 + 16 + Buffer.byteLength(pem));
    expect(stored).not.toContain('PRIVATE KEY');
    expect(await cipher.decrypt(stored, 'kid-1')).toBe(pem);
  });

  it('uses a fresh IV each time, so the same key never encrypts to the same text', async () => {
    expect(await cipher.encrypt(pem, 'kid-1')).not.toBe(await cipher.encrypt(pem, 'kid-1'));
  });

  it.each([
    ['another key-encryption key', () => new AesGcmPrivateKeyCipher(randomBytes(32)), 'kid-1', (stored: string) => stored],
    ['a ciphertext moved onto another kid', () => cipher, 'kid-2', (stored: string) => stored],
    ['an altered ciphertext', () => cipher, 'kid-1', (stored: string) => `${stored.slice(0, -6)}AAAAAA`],
    ['a truncated one', () => cipher, 'kid-1', (stored: string) => stored.slice(0, 12)],
  ])('refuses %s in one line naming SIGNING_KEY_ENCRYPTION_KEY', async (_case, reader, kid, change) => {
    const stored = change(await cipher.encrypt(pem, 'kid-1'));
    const failure = await reader().decrypt(stored, kid).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(new RegExp(`^SIGNING_KEY_ENCRYPTION_KEY does not decrypt signing key ${kid}: [^\\n]+$`));
  });

  it('refuses a form it does not know', async () => {
    await expect(cipher.decrypt('v2:abc', 'kid-1')).rejects.toThrow('signing key kid-1 is not stored in a form SIGNING_KEY_ENCRYPTION_KEY decrypts');
  });
});
