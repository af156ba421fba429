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
  failed(): void | Promise<void>;
  /** The right password: the pair's failures are forgotten. */
  succeeded(): Promise<void>;
  /** Ended before the credentials were judged (invalid input, a store failing): not counted. */
  abandoned(): Promise<void>;
}

/**
 * Whose logins a throttle counts: people by their email, or applications by their client id at
 * the token endpoint (RFC 6749 §2.3.1 asks for protection against brute force on client secrets).
 */
export interface LoginKind {
  /** The counter's name in the shared table, so the two kinds never count together. */
  counter: string;
  /** The form an account is counted in. */
  account(name: string): string;
  /** What log lines and the 503 call such a login, and the log field that names the account. */
  label: string;
  accountField: string;
  event: string;
}

export const USER_LOGINS: LoginKind = { counter: 'login-failures', account: normalizeEmail, label: 'Login', accountField: 'email', event: 'login_locked' };

export const CLIENT_AUTHENTICATIONS: LoginKind = {
  counter: 'client-authentication-failures',
  account: (clientId) => clientId,
  label: 'Client authentication',
  accountField: 'client_id',
  event: 'client_authentication_locked',
};

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
  protected readonly failures: RateLimiterPostgres;

  constructor(
    protected readonly store: ThrottleStore,
    protected readonly window: CountingWindow = LOGIN_FAILURES,
    protected readonly kind: LoginKind = USER_LOGINS,
  ) {
    this.failures = store.counter(kind.counter, window);
  }

  /**
   * Lets an attempt for `email` from `ip` through, or says how long the pair stays locked. If the
   * store cannot count, the login answers 503 (fail closed): the lockout is what bounds password
   * guessing, and skipping it whenever the store fails would hand an attacker unlimited guesses
   * for as long as they can keep it failing. Login reads the same database, so it could rarely
   * have succeeded anyway.
   */
  async admit(email: string, ip: string): Promise<LoginAdmission> {
    const account = this.kind.account(email);
    const key = `${throttledAddress(ip)} ${account}`; // an address never contains a space
    try {
      const counted = await this.failures.consume(key);
      this.store.counted();
      return { admitted: true, attempt: this.attempt(key, { account, ip }, counted) };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) {
        this.store.counted();
        return { admitted: false, waitMs: outcome.msBeforeNext };
      }
      this.store.failed(`${this.kind.label.toLowerCase()} answers 503`, outcome as Error);
      throw new ServiceUnavailableException(`${this.kind.label} is unavailable; try again later`);
    }
  }

  private attempt(key: string, who: LoginPair, counted: RateLimiterRes): LoginAttempt {
    return {
      failed: () => {
        if (counted.consumedPoints === this.window.limit) this.logLockout(who, counted.msBeforeNext);
      },
      succeeded: () => this.settle('forget the failures of', this.failures.delete(key)),
      abandoned: () => this.settle('take back an attempt of', this.failures.reward(key)),
    };
  }

  /** Once per lockout: only the failure counted as the limit-th locks; later attempts are refused before any password check. */
  protected logLockout({ account, ip }: LoginPair, lockedForMs: number): void {
    const until = new Date(Date.now() + lockedForMs).toISOString();
    this.logger.warn(
      { event: this.kind.event, [this.kind.accountField]: account, ip, until, failures: this.window.limit },
      `${this.kind.label} locked for ${account} from ${ip} until ${until}: ${this.window.limit} failures`,
    );
  }

  /** The answer stands whatever the store does here; a failure only costs the pair's count accuracy. */
  private async settle(what: string, operation: Promise<unknown>): Promise<void> {
    try {
      await operation;
    } catch (error) {
      this.store.failed(`counts of failed logins may be off (could not ${what} a pair)`, error as Error);
    }
  }
}

/**
 * The same lockout for applications authenticating with their secret (token and introspection
 * endpoints), counted differently: only failures are written, and a success writes nothing. An
 * application is a program that may present its secret many times at once (a resource server
 * introspecting under load), so counting every attempt first, as logins do, would lock a busy
 * client out by its own concurrency, and cost two writes per request. The price: a burst of
 * concurrent guesses can all pass the check before the first failure is counted, at most one
 * burst per window; against a secret of 32 random bytes that buys an attacker nothing.
 */
export class ClientAuthenticationThrottle extends LoginThrottle {
  constructor(store: ThrottleStore, window: CountingWindow = LOGIN_FAILURES) {
    super(store, window, CLIENT_AUTHENTICATIONS);
  }

  override async admit(clientId: string, ip: string): Promise<LoginAdmission> {
    const who = { account: this.kind.account(clientId), ip };
    const key = `${throttledAddress(ip)} ${who.account}`; // an address never contains a space
    let counted: RateLimiterRes | null;
    try {
      counted = await this.failures.get(key);
      this.store.counted();
    } catch (error) {
      this.store.failed('client authentication answers 503', error as Error);
      throw new ServiceUnavailableException(`${this.kind.label} is unavailable; try again later`);
    }
    if (counted && counted.consumedPoints >= this.window.limit) return { admitted: false, waitMs: counted.msBeforeNext };
    return {
      admitted: true,
      attempt: {
        failed: async () => {
          try {
            const failures = await this.failures.penalty(key);
            this.store.counted();
            if (failures.consumedPoints === this.window.limit) this.logLockout(who, failures.msBeforeNext);
          } catch (error) {
            this.store.failed('failed client authentications may go uncounted', error as Error);
          }
        },
        succeeded: async () => undefined,
        abandoned: async () => undefined,
      },
    };
  }
}
