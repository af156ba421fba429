import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The shortest secret an operator may provision (`clients ensure`); generated ones have 43 characters. */
export const CLIENT_SECRET_MIN_LENGTH = 32;

/**
 * A provisioned secret's characters: URL-unreserved (RFC 3986 §2.3), which the form-encoding of
 * RFC 6749 §2.3.1 leaves as they are, so a client that sends its Basic credentials unencoded
 * (`curl -u id:secret`) and one that encodes them send the same bytes.
 */
export const CLIENT_SECRET_PATTERN = new RegExp(`^[A-Za-z0-9._~-]{${CLIENT_SECRET_MIN_LENGTH},256}$`);

/** A new client secret: 32 random bytes, base64url (43 characters), shown once. */
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The stored form of a secret: its SHA-256, hex. Unlike passwords (argon2, passwords/), these
 * secrets are 256 random bits that no one chose, so a fast hash leaves nothing to guess from a
 * leaked table: a memory-hard hash would only cost every token request its time.
 */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` is the one `storedHash` was made from, compared in constant time. */
export function clientSecretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashClientSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
