import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MigrationError } from './migration-error.js';
import { matchesChecksum, readMigrationFolder, type MigrationScript } from './migration-folder.js';

// Why this exists: the Prisma 7 CLI (`prisma migrate deploy`) needs its schema engine binary, which
// it downloads on every run, and that download is impossible offline and in locked-down CI. This
// small applier does what `migrate deploy` does for our hand-written migrations and records them
// in `_prisma_migrations` exactly as Prisma does, so `prisma migrate status` agrees wherever the
// engine can be fetched.

/** The advisory lock key Prisma's schema engine takes while migrating, so both tools exclude each other. */
const PRISMA_MIGRATION_LOCK = 72707369;

/** Prisma's own DDL for its history table (schema engine, PostgreSQL flavour). */
const CREATE_HISTORY_TABLE = `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every migration folder of `migrationsDir` that the database has not applied yet, in
 * lexical order, one transaction per migration, and returns the names applied now. Two processes
 * calling this at once are serialised by a PostgreSQL advisory lock: the second finds nothing to do.
 * Throws `MigrationError` when an applied migration's file changed, when an earlier Prisma run left
 * a migration unfinished, or when a migration fails (it is then rolled back and not recorded).
 */
export async function applyMigrations(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const scripts = await readMigrationFolder(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATION_LOCK]);
    await client.query(CREATE_HISTORY_TABLE);
    const pending = findPending(scripts, await readHistory(client));
    for (const script of pending) await applyOne(client, script);
    return pending.map((script) => script.name);
  } finally {
    // Ending the session releases the advisory lock, on success and on failure alike.
    await client.end();
  }
}

async function readHistory(client: pg.Client): Promise<HistoryRow[]> {
  const { rows } = await client.query<HistoryRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  return rows;
}

function findPending(scripts: MigrationScript[], history: HistoryRow[]): MigrationScript[] {
  const applied = new Map(history.map((row) => [row.migration_name, row]));
  return scripts.filter((script) => {
    const row = applied.get(script.name);
    if (!row) return true;
    if (!row.finished_at) {
      throw new MigrationError(
        'unfinished',
        script.name,
        `Migration ${script.name} was started by an earlier run but never finished; resolve it with \`prisma migrate resolve\` before migrating again.`,
      );
    }
    if (!matchesChecksum(script, row.checksum)) {
      throw new MigrationError(
        'checksum-mismatch',
        script.name,
        `Migration ${script.name} was changed after it was applied (its checksum differs from the database's); add a new migration instead of editing an applied one.`,
      );
    }
    return false;
  });
}

// One transaction holds the migration's SQL and its history row, so a failure leaves neither
// behind. (Statements PostgreSQL refuses inside a transaction, such as CREATE INDEX CONCURRENTLY,
// therefore cannot appear in a migration.)
async function applyOne(client: pg.Client, script: MigrationScript): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(script.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), script.checksum, script.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError('failed', script.name, `Migration ${script.name} failed and was rolled back: ${reason}.`, { cause: error });
  }
}
