import type { AuthenticatedUser } from '../authenticated-user.js';
import { DependencyUnavailableError } from '../rejections/dependency-unavailable.js';

/** Who a live session belongs to, as auth's users table says today. */
export type SessionUser = Pick<AuthenticatedUser, 'id' | 'email' | 'name' | 'roles'>;

/**
 * Where a service looks a session cookie up. Every request that presents the cookie is one
 * lookup: that is the cost of a session that a token does not have.
 */
export interface SessionStore {
  /** The user of the session this cookie value names, or undefined when it names no live session. */
  userFor(cookieValue: string): Promise<SessionUser | undefined>;
  /** Releases connections; called when the service shuts down. */
  close(): Promise<void>;
}

/** The store could not be asked (its database down or hung): answered 503, not 401. */
export class SessionStoreUnavailableError extends DependencyUnavailableError {
  override readonly name = 'SessionStoreUnavailableError';
  readonly dependency = 'Session store';
}
