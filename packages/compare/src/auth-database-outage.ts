import { connectAsAdmin } from './admin-connection.js';

// How long pg_terminate_backend waits for each backend to exit, so no connection is still in use
// when `observe` starts.
const TERMINATE_TIMEOUT_MS = 5_000;

/**
 * Runs `observe` while auth's database is down for everyone but the server itself: new connections
 * are refused (`ALLOW_CONNECTIONS false`) and open ones are ended, which is what auth and a
 * shared-store service see when that database fails. Connections come back afterwards, also when
 * `observe` fails.
 */
export async function whileAuthDatabaseIsDown<T>(pgPort: number, observe: () => Promise<T>): Promise<T> {
  const admin = await connectAsAdmin(pgPort);
  try {
    await admin.query('ALTER DATABASE auth WITH ALLOW_CONNECTIONS false');
    try {
      await admin.query(
        "SELECT pg_terminate_backend(pid, $1) FROM pg_stat_activity WHERE datname = 'auth' AND pid <> pg_backend_pid()",
        [TERMINATE_TIMEOUT_MS],
      );
      return await observe();
    } finally {
      await admin.query('ALTER DATABASE auth WITH ALLOW_CONNECTIONS true');
    }
  } finally {
    await admin.end();
  }
}
