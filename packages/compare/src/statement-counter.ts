import { SERVICE_NAMES } from '@sso/stack';
import { connectAsAdmin } from './admin-connection.js';

/** Counts the SQL statements PostgreSQL runs for the services, from pg_stat_statements. */
export interface StatementCounter {
  /**
   * Sends `request` `times` times, one after another, and returns the statements run in the
   * services' databases meanwhile, per request.
   */
  perRequest(request: () => Promise<unknown>, times: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Connects to the `postgres` database of a server started with pg_stat_statements preloaded and
 * enables the extension there. Only the four service databases are summed, so this connection's
 * own statements (run in `postgres`) never count.
 */
export async function openStatementCounter(pgPort: number): Promise<StatementCounter> {
  const client = await connectAsAdmin(pgPort);
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } catch (error) {
    await client.end();
    throw error;
  }
  const total = async () => {
    const { rows } = await client.query<{ calls: string }>(
      `SELECT coalesce(sum(statements.calls), 0) AS calls
         FROM pg_stat_statements statements JOIN pg_database ON pg_database.oid = statements.dbid
        WHERE pg_database.datname = ANY($1)`,
      [SERVICE_NAMES],
    );
    return Number(rows[0]!.calls);
  };
  return {
    async perRequest(request, times) {
      const before = await total();
      for (let sent = 0; sent < times; sent++) await request();
      return ((await total()) - before) / times;
    },
    close: () => client.end(),
  };
}
