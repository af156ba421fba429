import { randomBytes } from 'node:crypto';
import type { SessionStore, SessionUser } from './session-store.js';
import { sessionIdFrom } from './signed-session-id.js';

/**
 * `SESSION_MODE=per-server`: the service keeps its own sessions, in its own memory, signed with its
 * own secret, as every server of a classic session-based application does. It holds only the
 * sessions of logins made on this server, and no login is made here: so auth's cookie, which
 * the browser sends along, names a session this server has never seen (and its signature is
 * not even one this server can check). Looking it up costs no database query, and finds nothing.
 */
export class PerServerSessionStore implements SessionStore {
  private readonly secret = randomBytes(32).toString('base64url');
  private readonly sessions = new Map<string, SessionUser>();

  async userFor(cookieValue: string): Promise<SessionUser | undefined> {
    const sessionId = sessionIdFrom(cookieValue, this.secret);
    return sessionId === undefined ? undefined : this.sessions.get(sessionId);
  }

  async close(): Promise<void> {
    this.sessions.clear();
  }
}
