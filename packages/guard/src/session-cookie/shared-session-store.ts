import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { Role } from '../authenticated-user.js';
import { type SessionStore, SessionStoreUnavailableError, type SessionUser } from './session-store.js';
import { sessionIdFrom } from './signed-session-id.js';

/** Enough for a lookup on a healthy database; a stopped or hung one must not hold requests longer. */
const DATABASE_TIMEOUT_MS = 2_000;

/**
 * One statement per request: the live session (express-session's row, written by auth through
 * connect-pg-simple) joined with its user (passport's `serializeUser` stored the id). Reading
 * auth's tables from another service is the coupling this mode exists to show: the schema of
 * auth's database has become part of every service's contract.
 */
const SESSION_USER_QUERY = `
  SELECT u.id, u.email, u.name, u.roles::text[] AS roles
  FROM sessions s JOIN users u ON u.id::text = s.sess #>> '{passport,user}'
  WHERE s.sid = $1 AND s.expire > now()`;

const SECRET_QUERY = 'SELECT secret FROM session_secrets WHERE id = 1';

/**
 * `SESSION_MODE=shared-store`: the service reads auth's session store, in auth's database, on every
 * request that presents the session cookie. It works on every server, at the price of a database
 * round trip per request and of depending on auth's database being up: with it down, no session
 * is accepted anywhere (503), while access tokens keep working.
 */
export class SharedSessionStore implements SessionStore {
  private readonly logger = new Logger('SharedSessionStore');
  private readonly pool: pg.Pool;
  private secret?: string;

  constructor(authDatabaseUrl: string) {
    this.pool = new pg.Pool({
      connectionString: authDatabaseUrl,
      max: 4,
      connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
      query_timeout: DATABASE_TIMEOUT_MS,
      application_name: 'shared-session-store',
    });
    // An idle connection dropped by the server must not crash the service; the next query reconnects.
    this.pool.on('error', (error) => this.logger.warn(`Idle connection to auth's database lost: ${error.message}`));
  }

  async userFor(cookieValue: string): Promise<SessionUser | undefined> {
    const sessionId = sessionIdFrom(cookieValue, await this.sessionSecret());
    if (sessionId === undefined) return undefined;
    const { rows } = await this.query<SessionUser & { roles: Role[] }>(SESSION_USER_QUERY, [sessionId]);
    return rows[0];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** The secret auth signs session cookies with, read from auth's database once, then kept. */
  private async sessionSecret(): Promise<string> {
    if (this.secret === undefined) {
      const { rows } = await this.query<{ secret: string }>(SECRET_QUERY, []);
      if (!rows[0]) throw new SessionStoreUnavailableError("auth's session secret is not created yet (has auth started?)");
      this.secret = rows[0].secret;
    }
    return this.secret;
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(text, values);
    } catch (cause) {
      throw new SessionStoreUnavailableError(`auth's session store did not answer: ${(cause as Error).message}`, { cause });
    }
  }
}
