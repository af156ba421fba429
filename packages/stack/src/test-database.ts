import { prepareDatabase, provisionServiceDatabase } from '@sso/database';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseUrl, roleUrl, startDatabaseServer } from './database-server.js';
import { freePort } from './free-port.js';

export interface TestDatabase {
  /** The migrated database's connection string, as the service's own role (named as the database). */
  url: string;
  /** Stops PostgreSQL and deletes its files. */
  stop(): Promise<void>;
}

/**
 * One service's database for its specs: a throwaway PostgreSQL on a free port, provisioned and
 * migrated exactly as at boot (a role of its own, no superuser). Specs then run against the real
 * schema and the real privileges, not a mock.
 */
export async function startTestDatabase(options: { name: string; migrations: URL }): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sso-db-'));
  const port = await freePort();
  const server = await startDatabaseServer({ dataDir, port, persistent: false }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const url = roleUrl(port, { role: options.name, password: randomBytes(32).toString('base64url'), database: options.name });
  try {
    await provisionServiceDatabase(databaseUrl(port, 'postgres'), url);
    await prepareDatabase({ databaseUrl: url, migrationsDir: fileURLToPath(options.migrations) });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
