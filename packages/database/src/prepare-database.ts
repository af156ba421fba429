import { applyMigrations } from './apply-migrations.js';
import { ensureDatabase } from './ensure-database.js';

export interface PrepareDatabaseOptions {
  /** `postgresql://user:password@host:port/<database>`: the service's own role and database. */
  databaseUrl: string;
  /** The app's `prisma/migrations` folder. */
  migrationsDir: string;
}

/** PostgreSQL's SQLSTATE for a connection to a database that does not exist. */
const INVALID_CATALOG_NAME = '3D000';

/**
 * What a service does at boot: apply its pending migrations, as its own role, and return their
 * names. A provisioned database exists already (see `provisionServiceDatabase`), so the service
 * needs no right to create one. Only when the database is missing, as with a superuser's URL on a
 * developer's own server, is it created first.
 */
export async function prepareDatabase({ databaseUrl, migrationsDir }: PrepareDatabaseOptions): Promise<string[]> {
  try {
    return await applyMigrations(databaseUrl, migrationsDir);
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
  }
  await ensureDatabase(databaseUrl);
  return applyMigrations(databaseUrl, migrationsDir);
}
