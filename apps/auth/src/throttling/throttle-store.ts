import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';

/** How long a count may wait for a connection or an answer; its callers decide what a failure means. */
const STORE_WAIT_MS = 2_000;

/**
 * Counts are committed without waiting for the disk (PostgreSQL manual, "Asynchronous Commit"):
 * a crash may lose the last moments of counting, which costs nothing worth a flush per request,
 * and a login's three counting statements take about a millisecond here instead of about nine.
 */
const COUNTING_SESSION = '-c synchronous_commit=off';

/** At most `limit` counted within a window of `windowSeconds`, the window starting at the first count. */
export interface CountingWindow {
  limit: number;
  windowSeconds: number;
}

/**
 * Where the throttling counters live: auth's `rate_limits` table, so that every replica of auth
 * counts together. Each counter is a rate-limiter-flexible `RateLimiterPostgres`: a count is one
 * atomic `INSERT ... ON CONFLICT DO UPDATE`, so concurrent requests are never miscounted. The table
 * is created by a migration like every other (`tableCreated: true`), and the counters run on a
 * `pg` pool of their own whose short timeouts keep a slow store from holding a request long.
 */
@Injectable()
export class ThrottleStore implements OnModuleDestroy {
  private readonly logger = new Logger('Throttling');
  private readonly pool: pg.Pool;
  private outage = false;

  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    this.pool = new pg.Pool({
      connectionString: config.DATABASE_URL,
      connectionTimeoutMillis: STORE_WAIT_MS,
      query_timeout: STORE_WAIT_MS,
      options: COUNTING_SESSION,
    });
    // Without a listener, an idle connection that the server drops would crash the process.
    this.pool.on('error', (error) => this.logger.warn(`Idle throttling-store connection lost: ${error.message}`));
  }

  /** A counter for `window`; `name` keeps its keys apart from the other counters' in the shared table. */
  counter(name: string, window: CountingWindow): RateLimiterPostgres {
    return new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: name,
      points: window.limit,
      duration: window.windowSeconds,
    });
  }

  /**
   * A counter could not count. Logged once when an outage starts, at warn, with what it costs
   * (`consequence`); the requests that fail after it are its echoes and would bury it.
   */
  failed(consequence: string, error: Error): void {
    if (this.outage) return;
    this.outage = true;
    this.logger.warn(`Throttling store unavailable, ${consequence} until it is back: ${error.message}`);
  }

  /** A counter counted: ends an outage, once, at info. */
  counted(): void {
    if (!this.outage) return;
    this.outage = false;
    this.logger.log('Throttling store available again');
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
