import { z } from 'zod';

/** AES-256 takes 32 bytes, and a secret with less entropy than the key it feeds would weaken it. */
const MINIMUM_BYTES = 32;

const HEX = /^(?:[0-9a-f]{2})+$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/; // standard (RFC 4648 §4) or URL-safe (§5)

/**
 * `SIGNING_KEY_ENCRYPTION_KEY`: the key-encryption key (NIST SP 800-57 Part 1 §5.1.1) that
 * encrypts auth's signing private keys at rest. At least 32 random bytes, written as hex
 * (`openssl rand -hex 32`) or base64 (`openssl rand -base64 32`). Hex is tried first: a string
 * of hex digits is also valid base64, but no 32-byte secret written in base64 is all hex digits.
 */
export const keyEncryptionKey = () =>
  z.string().transform((value, context) => {
    const text = value.trim();
    const bytes = HEX.test(text) ? Buffer.from(text, 'hex') : BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
    if (bytes === undefined || bytes.length < MINIMUM_BYTES) {
      context.addIssue({ code: 'custom', message: `must be at least ${MINIMUM_BYTES} random bytes, as hex (openssl rand -hex 32) or base64` });
      return z.NEVER;
    }
    return bytes;
  });
