import { Logger } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';

/** How often, during an outage, the service asks its database whether it is back. */
const RECHECK_INTERVAL_MS = 1_000;

/**
 * One warning when the service loses its database and one info line when it is back, however many
 * requests fail in between: a log line per failed request would bury the cause under its echoes.
 * The end is found by pinging the database, not by the next successful request, since most routes
 * that succeed during an outage (`/me`) never touched it.
 */
export class DatabaseOutage {
  private readonly logger = new Logger('Database');
  private ongoing = false;

  constructor(private readonly ping: () => Promise<boolean>) {}

  /** A request found the database unavailable: starts the outage, unless one is already on. */
  report(reason: string): void {
    if (this.ongoing) return;
    this.ongoing = true;
    this.logger.warn(`Database unavailable, answering 503 until it is back: ${reason}`);
    this.recheckSoon();
  }

  /**
   * One ping at a time (a timeout, not an interval): a hung database must not pile pings up. The
   * pings run in this object's own context, not that of the request that found the outage: a
   * logger reading the request from AsyncLocalStorage (nestjs-pino) would otherwise stamp the end
   * of the outage with that one request's method and URL.
   */
  private readonly recheckSoon = AsyncResource.bind((): void => {
    setTimeout(async () => {
      if (!(await this.ping())) return this.recheckSoon();
      this.ongoing = false;
      this.logger.log('Database available again');
    }, RECHECK_INTERVAL_MS).unref();
  });
}
