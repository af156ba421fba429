/**
 * Whether an error thrown by a Prisma query (through `@prisma/adapter-pg`) means the database
 * could not be reached or did not answer in time, rather than that the request was wrong. Found by
 * experiment with Prisma 7.10 and pg 8.23:
 * - unreachable (connection refused or reset): Prisma's `P1xxx` codes, e.g. P1001;
 * - a server that accepts connections and never answers: node-postgres rejects with plain `Error`s
 *   carrying no code, only these messages (pg/lib/client.js), and Prisma passes them through;
 * - `statement_timeout` or a server shutting down: P2010 wrapping SQLSTATE class 57 ("operator
 *   intervention": 57014 query_canceled, 57P01 admin_shutdown) or 08 (connection exception).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, meta } = error as Error & { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  if (typeof code === 'string' && /^P1\d{3}$/.test(code)) return true;
  if (code === undefined && NODE_POSTGRES_TIMEOUTS.has(error.message)) return true;
  const sqlState = meta?.driverAdapterError?.cause?.originalCode;
  return typeof sqlState === 'string' && /^(57|08)/.test(sqlState);
}

const NODE_POSTGRES_TIMEOUTS = new Set(['Query read timeout', 'Connection terminated due to connection timeout', 'timeout exceeded when trying to connect']);
