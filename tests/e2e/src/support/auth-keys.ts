import { createPrivateKey, type KeyObject } from 'node:crypto';
import pg from 'pg';

/**
 * Reads auth's active private key from auth's own database, so a test can sign tokens that differ
 * from honest ones in exactly one way (expired, wrong audience, wrong typ) and still verify.
 */
export async function readSigningKey(authDatabaseUrl: string): Promise<{ kid: string; privateKey: KeyObject }> {
  const client = new pg.Client({ connectionString: authDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ kid: string; private_key: string }>(
      'SELECT kid, private_key FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    return { kid: rows[0]!.kid, privateKey: createPrivateKey(rows[0]!.private_key) };
  } finally {
    await client.end();
  }
}
