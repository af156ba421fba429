import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { type RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { normalizeEmail } from '../users/email-address.js';
import { throttledAddress } from './client-ip.js';
import type { CountingWindow, ThrottleStore } from './throttle-store.js';

/**
 * The contract's lockout: after 10 failed logins for one account from one IP within 15 minutes,
 * that pair is refused until the window (which starts at the first failure) has passed.
 */
export const LOGIN_FAILURES: CountingWindow = { limit: 10, windowSeconds: 15 * 60 };

/** A login attempt let through, to be settled by how it ended. */
export interface LoginAttempt {
  /** Wrong email or password: the attempt stays counted; the one that reaches the limit locks the pair. */
  failed(): void;
  /** The right password: the pair's failures are forgotten. */
  succeeded(): Promise<void>;
  /** Ended before the credentials were judged (invalid input, a store failing): not counted. */
  abandoned(): Promise<void>;
}

export type LoginAdmission = { admitted: true; attempt: LoginAttempt } | { admitted: false; waitMs: number };

/** Whose failures are counted together: an account (its normalised email) and a client address. */
interface LoginPair {
  account: string;
  ip: string;
}

/**
 * Counts failed logins per account and client address, on every login route together (OWASP
 * Authentication Cheat Sheet, "Account Lockout"; NIST SP 800-63B-4 §3.2.2 asks for a limit on
 * consecutive failures). Locking the pair rather than the account keeps an attacker from locking a
 * user out from everywhere. Unknown emails count like wrong passwords, so a lockout tells nothing
 * about which accounts exist.
 *
 * Each attempt is counted before its password is checked, in one atomic step, and taken back if it
 * did not fail: checking first and counting afterwards would let a burst of concurrent guesses all
 * pass the check before the first failure was counted. A success forgets the pair's failures:
 * NIST limits consecutive failures, and Keycloak's brute-force detection resets on success too.
 * The user has just proven who they are, so their earlier typos should not shorten the way to a
 * lockout; an attacker gains nothing, since resetting takes the password.
 */
export class LoginThrottle {
  private readonly logger = new Logger('Throttling');
  private readonly failures: RateLimiterPostgres;

  constructor(
    store: ThrottleStore,
    private readonly window: CountingWindow = LOGIN_FAILURES,
  ) {
    this.failures = store.counter('login-failures', window);
  }

  /**
   * Lets an attempt for `email` from `ip` through, or says how long the pair stays locked. If the
   * store cannot count, the login answers 503 (fail closed): the lockout is what bounds password
   * guessing, and skipping it whenever the store fails would hand an attacker unlimited guesses
   * for as long as they can keep it failing. Login reads the same database, so it could rarely
   * have succeeded anyway.
   */
  async admit(email: string, ip: string): Promise<LoginAdmission> {
    const account = normalizeEmail(email);
    const key = `${throttledAddress(ip)} ${account}`; // an address never contains a space
    try {
      const counted = await this.failures.consume(key);
      return { admitted: true, attempt: this.attempt(key, { account, ip }, counted) };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return { admitted: false, waitMs: outcome.msBeforeNext };
      this.logger.error(`Throttling store unavailable, login refused: ${(outcome as Error).message}`);
      throw new ServiceUnavailableException('Login is unavailable; try again later');
    }
  }

  private attempt(key: string, who: LoginPair, counted: RateLimiterRes): LoginAttempt {
    return {
      failed: () => {
        if (counted.consumedPoints === this.window.limit) this.logLockout(who, counted.msBeforeNext);
      },
      succeeded: () => this.settle('forget the failures of', who, this.failures.delete(key)),
      abandoned: () => this.settle('take back an attempt of', who, this.failures.reward(key)),
    };
  }

  /** Once per lockout: only the failure counted as the limit-th locks; later attempts are refused before any password check. */
  private logLockout({ account, ip }: LoginPair, lockedForMs: number): void {
    const until = new Date(Date.now() + lockedForMs).toISOString();
    this.logger.warn(
      { event: 'login_locked', email: account, ip, until, failures: this.window.limit },
      `Login locked for ${account} from ${ip} until ${until}: ${this.window.limit} failed logins`,
    );
  }

  /** The answer stands whatever the store does here; a failure only costs the pair's count accuracy. */
  private async settle(what: string, { account, ip }: LoginPair, operation: Promise<unknown>): Promise<void> {
    try {
      await operation;
    } catch (error) {
      this.logger.warn(`Throttling store unavailable, could not ${what} ${account} from ${ip}: ${(error as Error).message}`);
    }
  }
}
