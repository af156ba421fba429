import { SESSION_COOKIE } from '@sso/guard';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { AuthConfig } from '../config.js';
import type { PrismaService } from '../prisma/prisma.service.js';
import type { PostgresSessionStore } from './postgres-session-store.js';
import { SESSION_COOKIE_ATTRIBUTES } from './session-cookie.js';
import type { SessionPassport } from './session-passport.js';
import { loadSessionSecret } from './session-secret.js';

/** Injection token of the express middleware, in order, that gives a request its session. */
export const SESSION_HANDLERS = Symbol('SessionHandlers');

/**
 * The classic flow's middleware: express-session loads the session named by the cookie from the
 * store (or starts an empty one), then passport turns the id kept in it back into `request.user`.
 */
export async function createSessionHandlers(
  config: AuthConfig,
  prisma: PrismaService,
  store: PostgresSessionStore,
  passport: SessionPassport,
): Promise<RequestHandler[]> {
  const loadSession = session({
    name: SESSION_COOKIE,
    secret: await loadSessionSecret(prisma),
    store: store.store,
    // Write a session only when it changed, and create none for a visitor who has not logged in:
    // failed logins and bad requests leave no row behind.
    resave: false,
    saveUninitialized: false,
    // `auto`: `Secure` exactly when the request came over https (express's `request.secure`).
    cookie: { ...SESSION_COOKIE_ATTRIBUTES, secure: 'auto', maxAge: config.SESSION_TTL * 1000 },
  });
  return [loadSession, passport.readUser()];
}
