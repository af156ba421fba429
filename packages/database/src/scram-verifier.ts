import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's default `scram_iterations`; RFC 7677 §4 asks for at least 4096. */
const ITERATIONS = 4096;
const SALT_BYTES = 16;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802 §3, RFC 7677), in its own
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` form, computed here as psql's
 * `\password` does. `CREATE ROLE ... PASSWORD` then never carries the password itself, so it cannot
 * reach the server's log (PostgreSQL logs the statement of any failed command).
 *
 * The password must be printable ASCII: SASLprep (RFC 4013), which the server applies before
 * hashing, leaves such passwords unchanged, so the verifier matches what clients send.
 */
export function scramSha256Verifier(password: string): string {
  if (!/^[\x20-\x7e]+$/.test(password)) throw new Error('A database password must be printable ASCII (for example 64 hex digits).');
  const salt = randomBytes(SALT_BYTES);
  const saltedPassword = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', saltedPassword).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', saltedPassword).update('Server Key').digest();
  return `SCRAM-SHA-256$${ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
