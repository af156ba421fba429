import { databaseNameOf, withDatabase } from './connection-url.js';
import { withConnection } from './with-connection.js';

/** SQLSTATEs a concurrent `CREATE DATABASE` of the same name can raise; either means it exists now. */
const CONCURRENT_CREATION = new Set([
  '42P04', // duplicate_database
  '23505', // unique_violation on pg_database's name index, when both creators passed the check
]);

/**
 * Creates the database that `databaseUrl` names, if it does not exist yet, by connecting to the
 * same server's `postgres` maintenance database as the URL's role, which therefore needs CREATEDB
 * (the administrator, in the privileged step). Safe to call from several processes at once.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  await withConnection(withDatabase(databaseUrl, 'postgres'), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (error) {
      if (!CONCURRENT_CREATION.has((error as { code?: string }).code ?? '')) throw error;
    }
  });
}
