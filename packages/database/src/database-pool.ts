import type { PoolConfig } from 'pg';

/**
 * How long a service waits for its database before giving up: a connection attempt, or a query's
 * answer. Without these, node-postgres waits forever (its defaults are 0 and `false`, see
 * https://node-postgres.com/apis/client), so a hung or partitioned database hangs every data route.
 */
export const DATABASE_TIMEOUT_MS = 3_000;

/**
 * The `pg` pool settings every service's Prisma adapter uses (`new PrismaPg(databasePoolConfig(url))`):
 * bounded waits on the client side (`connectionTimeoutMillis`, `query_timeout`) for a server that
 * never answers, and on the server side (`statement_timeout`) for a query that runs too long.
 */
export function databasePoolConfig(connectionString: string): PoolConfig {
  return {
    connectionString,
    connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
    query_timeout: DATABASE_TIMEOUT_MS,
    statement_timeout: DATABASE_TIMEOUT_MS,
  };
}
