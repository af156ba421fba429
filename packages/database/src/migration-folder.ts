import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrationError } from './migration-error.js';

/** One `<timestamp>_<name>/migration.sql` folder, as Prisma lays them out. */
export interface MigrationScript {
  name: string;
  sql: string;
  checksum: string;
}

/** Reads every migration folder in `migrationsDir`, in the lexical order Prisma applies them. */
export async function readMigrationFolder(migrationsDir: string): Promise<MigrationScript[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(names.map((name) => readMigration(migrationsDir, name)));
}

async function readMigration(migrationsDir: string, name: string): Promise<MigrationScript> {
  const file = join(migrationsDir, name, 'migration.sql');
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new MigrationError('missing-script', name, `Migration ${name} has no readable migration.sql (${file}).`, { cause: error });
  });
  return { name, sql: bytes.toString('utf8'), checksum: sha256(bytes) };
}

/**
 * Whether a script still matches the checksum recorded when it was applied. Like Prisma's
 * `script_matches_checksum`, a file whose only change is LF versus CRLF line endings (git's
 * autocrlf on Windows) still matches.
 */
export function matchesChecksum(script: MigrationScript, recorded: string): boolean {
  const lf = script.sql.replaceAll('\r\n', '\n');
  const variants = [script.sql, lf, lf.replaceAll('\n', '\r\n')];
  return recorded === script.checksum || variants.some((variant) => sha256(variant) === recorded);
}

function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
