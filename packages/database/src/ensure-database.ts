import pg from 'pg';

/** SQLSTATEs a concurrent `CREATE DATABASE` of the same name can raise; either means it exists now. */
const CONCURRENT_CREATION = new Set([
  '42P04', // duplicate_database
  '23505', // unique_violation on pg_database's name index, when both creators passed the check
]);

/**
 * Creates the database that `databaseUrl` names, if it does not exist yet, by connecting to the
 * same server's `postgres` maintenance database. Safe to call from several processes at once.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  const client = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    if (!CONCURRENT_CREATION.has((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await client.end();
  }
}

function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error(`The database URL names no database: ${redact(databaseUrl)}`);
  return name;
}

function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

function redact(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
