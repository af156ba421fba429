import type { LoggerService } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { tokenRejections } from '../metrics/guard-metrics.js';

/** How long refusals are gathered into one log line. */
export const REFUSAL_SUMMARY_SECONDS = 10;
/** Client addresses named in a line, the busiest first; requests from the others are counted together. */
const NAMED_ADDRESSES = 5;
/** Distinct addresses counted one by one per window, so requests from ever new addresses cannot grow memory without end. */
const COUNTED_ADDRESSES = 1000;

/**
 * Refused requests, logged as one `warn` line per burst rather than one per request: a client
 * replaying forged tokens cannot flood the log, and an operator still reads how many requests were
 * refused, why, and from where (OWASP Logging Cheat Sheet: record authentication failures; do not
 * let them be used to flood the log). The first refusal after a quiet spell opens a window; when
 * it closes (or the service stops), one line sums it up:
 *
 * `12 requests refused in the last 10 s: bad_signature 11, expired 1; from 203.0.113.5 (11), 198.51.100.7 (1)`
 *
 * Each request's own log line still names its reason (`authRejection`), and every refusal is
 * counted by reason for `GET /metrics` (`sso_token_rejections_total`).
 */
export class RefusalSummary {
  private reasons = new Map<string, number>();
  private addresses = new Map<string, number>();
  private fromUncountedAddresses = 0;
  private total = 0;
  private windowStartedAt = 0;
  private window?: NodeJS.Timeout;
  /**
   * Opens a window in the context this summary was made in, not the request's whose refusal opened
   * it: a logger that reads the request from AsyncLocalStorage (nestjs-pino) would otherwise stamp
   * the summary with that one request's method and URL, as if it were about that request alone.
   */
  private readonly openWindow = AsyncResource.bind(() => setTimeout(() => this.flush(), this.windowMs).unref());

  constructor(
    private readonly logger: LoggerService,
    private readonly windowMs = REFUSAL_SUMMARY_SECONDS * 1000,
  ) {}

  record(reason: string, clientAddress = 'unknown address'): void {
    tokenRejections.inc({ reason });
    if (this.window === undefined) {
      this.windowStartedAt = Date.now();
      // unref: a pending summary never keeps a stopping process alive; stopping flushes it instead.
      this.window = this.openWindow();
    }
    this.total += 1;
    increment(this.reasons, reason);
    if (this.addresses.has(clientAddress) || this.addresses.size < COUNTED_ADDRESSES) increment(this.addresses, clientAddress);
    else this.fromUncountedAddresses += 1;
  }

  /** Logs what the window gathered, if anything, and closes it. */
  flush(): void {
    clearTimeout(this.window);
    this.window = undefined;
    if (this.total === 0) return;
    const seconds = Math.max(1, Math.round((Date.now() - this.windowStartedAt) / 1000));
    const requests = this.total === 1 ? '1 request' : `${this.total} requests`;
    this.logger.warn(`${requests} refused in the last ${seconds} s: ${this.describeReasons()}; from ${this.describeAddresses()}`);
    this.reasons = new Map();
    this.addresses = new Map();
    this.fromUncountedAddresses = 0;
    this.total = 0;
  }

  private describeReasons(): string {
    return busiestFirst(this.reasons)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ');
  }

  private describeAddresses(): string {
    const sorted = busiestFirst(this.addresses);
    const listed = sorted.slice(0, NAMED_ADDRESSES).map(([address, count]) => `${address} (${count})`).join(', ');
    const fromOthers = sorted.slice(NAMED_ADDRESSES).reduce((sum, [, count]) => sum + count, this.fromUncountedAddresses);
    return fromOthers === 0 ? listed : `${listed} and other addresses (${fromOthers})`;
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function busiestFirst(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort(([, a], [, b]) => b - a);
}
