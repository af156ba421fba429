import { AesGcmPrivateKeyCipher } from '@sso/auth/signing-key-cipher';
import type { RunningStack } from '@sso/stack';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import pg from 'pg';

/**
 * Reads auth's active private key from auth's own database, decrypted with the stack's
 * SIGNING_KEY_ENCRYPTION_KEY, so a test can sign tokens that differ from honest ones in exactly one
 * way (expired, wrong audience, wrong typ) and still verify.
 */
export async function readSigningKey(stack: RunningStack): Promise<{ kid: string; privateKey: KeyObject }> {
  const client = new pg.Client({ connectionString: stack.databaseUrls.auth });
  await client.connect();
  try {
    const { rows } = await client.query<{ kid: string; private_key: string }>(
      'SELECT kid, private_key FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    const { kid, private_key: stored } = rows[0]!;
    const cipher = new AesGcmPrivateKeyCipher(Buffer.from(stack.signingKeyEncryptionKey, 'hex'));
    return { kid, privateKey: createPrivateKey(await cipher.decrypt(stored, kid)) };
  } finally {
    await client.end();
  }
}
