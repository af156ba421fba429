import { ensureLoginRole, withConnection, withDatabase } from '@sso/database';
import { SESSION_READER_ROLE } from './stack-secrets.js';

/**
 * Exactly what packages/guard's SharedSessionStore reads from auth's database: the session rows,
 * the secret that signs the session cookie, and the four user columns it answers with. Not the
 * password hashes, the refresh tokens or the signing keys: a resource service that leaks this
 * role's password gives away sessions, never the means to sign tokens.
 */
const READ_GRANTS = [
  `GRANT SELECT ON TABLE sessions, session_secrets TO ${SESSION_READER_ROLE}`,
  `GRANT SELECT (id, email, name, roles) ON TABLE users TO ${SESSION_READER_ROLE}`,
];

/** Creates (or resets) the session reader: a login role with no privilege of its own. */
export async function ensureSessionReader(adminUrl: string, password: string): Promise<void> {
  await withConnection(adminUrl, (admin) => ensureLoginRole(admin, SESSION_READER_ROLE, password));
}

/**
 * Opens auth's database to the session reader when the resource services share auth's session
 * store, and closes it otherwise (a grant left by an earlier shared-store start included).
 *
 * Run by the stack after auth is healthy, that is after auth's migrations created the tables: a
 * GRANT needs the table to exist. It is not an auth migration because a migration granting to a
 * role that only some deployments create would fail wherever it is missing (auth started on its
 * own, with nothing but DATABASE_URL). Privileges go first, then exactly the ones above come
 * back, so nothing granted earlier outlives a change of this list; the whole change is one
 * transaction, so a failure leaves the previous grants in place.
 */
export async function setSessionReaderAccess(adminUrl: string, sharedStore: boolean): Promise<void> {
  await withConnection(withDatabase(adminUrl, 'auth'), async (admin) => {
    await admin.query('BEGIN');
    try {
      await admin.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${SESSION_READER_ROLE}`);
      if (sharedStore) {
        await admin.query(`GRANT CONNECT ON DATABASE auth TO ${SESSION_READER_ROLE}`);
        for (const grant of READ_GRANTS) await admin.query(grant);
      } else {
        await admin.query(`REVOKE CONNECT ON DATABASE auth FROM ${SESSION_READER_ROLE}`);
      }
      await admin.query('COMMIT');
    } catch (error) {
      await admin.query('ROLLBACK').catch(() => undefined);
      throw new Error(`Could not set what ${SESSION_READER_ROLE} may read in auth's database: ${(error as Error).message}`, { cause: error });
    }
  });
}
