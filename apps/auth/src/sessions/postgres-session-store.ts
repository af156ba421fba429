import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import pg from 'pg';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';

/** How long a session lookup may wait for a connection or an answer before the request gets 503. */
const DATABASE_WAIT_MS = 5_000;

const PgStore = connectPgSimple(session);

/**
 * express-session's store: connect-pg-simple on auth's `sessions` table, which a migration creates
 * like every other table (hence `createTableIfMissing: false`). It runs on a `pg` pool of its own,
 * closed when auth shuts down.
 *
 * `disableTouch`: a request does not push the row's expiry back, so a session ends SESSION_TTL
 * after login however busy it is, when its cookie expires too (OWASP Session Management Cheat
 * Sheet, "Absolute Timeout"); a stolen cookie cannot be kept alive by using it.
 */
@Injectable()
export class PostgresSessionStore implements OnModuleDestroy {
  private readonly logger = new Logger('SessionStore');
  private readonly pool: pg.Pool;
  readonly store: connectPgSimple.PGStore;

  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    this.pool = new pg.Pool({
      connectionString: config.DATABASE_URL,
      connectionTimeoutMillis: DATABASE_WAIT_MS,
      query_timeout: DATABASE_WAIT_MS,
    });
    // Without a listener, an idle connection that the server drops would crash the process.
    this.pool.on('error', (error) => this.logger.warn(`Idle session-store connection lost: ${error.message}`));
    this.store = new PgStore({
      pool: this.pool,
      tableName: 'sessions',
      createTableIfMissing: false,
      disableTouch: true,
      errorLog: (...parts: unknown[]) => this.logger.error(parts.join(' ')),
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.store.close(); // stops its timer that prunes expired sessions
    await this.pool.end();
  }
}
