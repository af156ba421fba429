import type { Request } from 'express';
import type { PublicUser } from '../users/user.js';
import { sessionStoreFailure } from './session-store-unavailable.js';

/**
 * Logs `user` in to the request's session. Passport 0.7 regenerates the session first, so the id
 * a visitor had before logging in is never the one that carries the login (OWASP Session
 * Management Cheat Sheet, "Renew the Session ID After Any Privilege Level Change": no fixation).
 */
export function logIn(request: Request, user: PublicUser): Promise<void> {
  return new Promise((resolve, reject) => {
    request.logIn(user, (error?: unknown) => (error ? reject(sessionStoreFailure('save', error)) : resolve()));
  });
}

/** Deletes the request's session from the store: its cookie is worthless afterwards. */
export function destroySession(request: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    request.session.destroy((error?: unknown) => (error ? reject(sessionStoreFailure('destroy', error)) : resolve()));
  });
}
