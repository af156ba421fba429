import { databaseUrl } from '@sso/stack';
import pg from 'pg';

/**
 * A connection to the `postgres` maintenance database of the stack's server, as its superuser: for
 * pg_stat_statements and for taking auth's database down, without touching a service's database.
 */
export async function connectAsAdmin(pgPort: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl(pgPort, 'postgres') });
  // When the server stops (Ctrl-C stops the stack under a running comparison), a pending query
  // fails on its own; without a listener the same error on an idle connection would crash the run.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
