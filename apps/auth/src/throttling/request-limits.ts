import { type RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { throttledAddress } from './client-ip.js';
import type { CountingWindow, ThrottleStore } from './throttle-store.js';

/** A per-IP limit, and what its 429 says. */
export interface RequestLimit extends CountingWindow {
  refusal: string;
}

/** The per-IP limits of the contract ("Details the tests rely on"), each counted apart. */
export const REQUEST_LIMITS = {
  /** Every request to `/auth/*`. */
  auth: { limit: 300, windowSeconds: 60, refusal: 'Too many requests to auth from this address' },
  /** `POST /auth/register`, on top of `auth`: bounds account creation and email probing (409). */
  register: { limit: 60, windowSeconds: 60, refusal: 'Too many registrations from this address' },
  /** `/auth/refresh`, `/auth/cookie/refresh` and the `refresh_token` grant of `/oauth/token`, together. */
  refresh: { limit: 60, windowSeconds: 60, refusal: 'Too many token refreshes from this address' },
} as const satisfies Record<string, RequestLimit>;

export type RequestLimitName = keyof typeof REQUEST_LIMITS;

/** A request refused by a limit: which one, and how long until its window ends. */
export interface LimitExceeded {
  limit: RequestLimit;
  waitMs: number;
}

/** Counts requests per client address against the {@link REQUEST_LIMITS}. */
export class RequestLimiter {
  private readonly counters: Map<RequestLimitName, { limit: RequestLimit; counter: RateLimiterPostgres }>;

  constructor(
    private readonly store: ThrottleStore,
    limits: Record<RequestLimitName, RequestLimit> = REQUEST_LIMITS,
  ) {
    this.counters = new Map(
      Object.entries(limits).map(([name, limit]) => [name as RequestLimitName, { limit, counter: store.counter(`requests-${name}`, limit) }]),
    );
  }

  /**
   * Counts one request from `ip` against each limit in turn; answers the first one it exceeds, or
   * undefined. If the store fails, the request goes through (fail open, logged): these limits are
   * a brake on floods, and a broken counter must not take auth down with it; rate limiters
   * commonly choose so (Envoy's rate-limit filter: `failure_mode_deny` is false by default). The
   * lockout of failed logins, a defence against guessing, decides otherwise (see LoginThrottle).
   */
  async count(ip: string, names: readonly RequestLimitName[]): Promise<LimitExceeded | undefined> {
    const address = throttledAddress(ip);
    for (const name of names) {
      const { limit, counter } = this.counters.get(name)!;
      try {
        await counter.consume(address);
        this.store.counted();
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) {
          this.store.counted();
          return { limit, waitMs: outcome.msBeforeNext };
        }
        this.store.failed('request limits are not applied', outcome as Error);
      }
    }
    return undefined;
  }
}
