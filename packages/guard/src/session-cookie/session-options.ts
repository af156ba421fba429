import { PerServerSessionStore } from './per-server-session-store.js';
import { SharedSessionStore } from './shared-session-store.js';
import type { SessionStore } from './session-store.js';

/**
 * How a resource service treats auth's session cookie (`SESSION_MODE`). `per-server`: the service
 * has only its own store, as a separate server does, so auth's sessions are unknown there.
 * `shared-store`: it reads auth's session table, in `authDatabaseUrl`, on every request. Or any
 * other {@link SessionStore} (a Redis one, say).
 */
export type SessionOptions = { mode: 'per-server' } | { mode: 'shared-store'; authDatabaseUrl: string } | { store: SessionStore };

/** The store for the chosen mode. */
export function sessionStoreFor(options: SessionOptions): SessionStore {
  if ('store' in options) return options.store;
  return options.mode === 'shared-store' ? new SharedSessionStore(options.authDatabaseUrl) : new PerServerSessionStore();
}
