import { applyMigrations } from './apply-migrations.js';
import { ensureDatabase } from './ensure-database.js';

export interface PrepareDatabaseOptions {
  /** `postgresql://user:password@host:port/<database>`; the database is created if missing. */
  databaseUrl: string;
  /** The app's `prisma/migrations` folder. */
  migrationsDir: string;
}

/** What a service does at boot: create its database if missing, then apply its pending migrations. Returns their names. */
export async function prepareDatabase({ databaseUrl, migrationsDir }: PrepareDatabaseOptions): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  return applyMigrations(databaseUrl, migrationsDir);
}
