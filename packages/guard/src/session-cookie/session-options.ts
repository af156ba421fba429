import { PerServerSessionStore } from './per-server-session-store.js';
import { SharedSessionStore } from './shared-session-store.js';
import type { SessionStore } from './session-store.js';

/**
 * How a resource service treats auth's session cookie (`SESSION_MODE`). `per-server`: the service
 * has only its own store, as a separate server does, so auth's sessions are unknown there.
 * `shared-store`: it reads auth's session table, in `authDatabaseUrl`, on every request.
 */
export type SessionOptions = { mode: 'per-server' } | { mode: 'shared-store'; authDatabaseUrl: string };

/** The store for the chosen mode. */
export function sessionStoreFor(options: SessionOptions): SessionStore {
  return options.mode === 'shared-store' ? new SharedSessionStore(options.authDatabaseUrl) : new PerServerSessionStore();
}
