import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { PrivateKeyCipher } from './private-key-cipher.js';

/** The stored form: `v1:` then base64 of IV, authentication tag and ciphertext, in that order. */
const VERSION = 'v1:';
/** 96-bit IVs, random for each encryption (NIST SP 800-38D §8.2.2); few keys are ever encrypted. */
const IV_BYTES = 12;
/** The full 128-bit tag (NIST SP 800-38D §5.2.1.2). */
const TAG_BYTES = 16;
/** HKDF's `info` (RFC 5869 §3.2): the AES key derived for this use serves no other. */
const KEY_PURPOSE = 'sso auth: signing private keys at rest, v1';

/**
 * AES-256-GCM (NIST SP 800-38D) with a key derived by HKDF-SHA256 from `SIGNING_KEY_ENCRYPTION_KEY`.
 * GCM authenticates as well as encrypts: a wrong key, an altered row or a ciphertext moved to
 * another `kid` fails to decrypt instead of yielding a wrong key.
 */
export class AesGcmPrivateKeyCipher implements PrivateKeyCipher {
  private readonly key: Buffer;

  constructor(keyEncryptionKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', keyEncryptionKey, Buffer.alloc(0), KEY_PURPOSE, 32));
  }

  async encrypt(pem: string, kid: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(kid));
    const ciphertext = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  async decrypt(stored: string, kid: string): Promise<string> {
    if (!stored.startsWith(VERSION)) throw new Error(`signing key ${kid} is not stored in a form SIGNING_KEY_ENCRYPTION_KEY decrypts (${VERSION}...)`);
    const sealed = Buffer.from(stored.slice(VERSION.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
        .setAAD(Buffer.from(kid))
        .setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(
        `SIGNING_KEY_ENCRYPTION_KEY does not decrypt signing key ${kid}: it is not the key the signing key was encrypted with, or the stored key was altered`,
      );
    }
  }
}
