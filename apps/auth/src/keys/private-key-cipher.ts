/**
 * How auth keeps a signing private key unreadable in its own database (OWASP Cryptographic Storage
 * Cheat Sheet, "Key Storage": keys apart from the data they protect). The database then holds only
 * ciphertext, so its credentials, a backup or a dump are not enough to sign tokens.
 *
 * The key-management hook: {@link AesGcmPrivateKeyCipher} implements it with a key from the
 * environment (`SIGNING_KEY_ENCRYPTION_KEY`). A KMS or Vault transit implementation (envelope
 * encryption: `encrypt` asks the KMS to wrap the PEM, or a data key that wraps it, and `decrypt`
 * asks it to unwrap) is a class with these two methods, provided under {@link PRIVATE_KEY_CIPHER}
 * in keys.module.ts; the key then never leaves the KMS, and access is audited and revocable there.
 * Its stored form must start with its own version prefix (AES-GCM's is `v1:`), so the forms can be
 * told apart.
 */
export interface PrivateKeyCipher {
  /**
   * The stored form of `pem`. `kid` is bound to the result as associated data, so a ciphertext
   * copied onto another key's row does not decrypt.
   */
  encrypt(pem: string, kid: string): Promise<string>;
  /** The PEM back; throws, in one line, when the stored form was not made by this cipher for `kid`. */
  decrypt(stored: string, kid: string): Promise<string>;
}

/** Injection token of the {@link PrivateKeyCipher}; `null` when no key-encryption key is configured. */
export const PRIVATE_KEY_CIPHER = Symbol('PRIVATE_KEY_CIPHER');

/** Keys stored before encryption existed, or with none configured, are PKCS #8 PEM (RFC 7468 §10). */
export function isPlaintextPem(stored: string): boolean {
  return stored.startsWith('-----BEGIN ');
}
