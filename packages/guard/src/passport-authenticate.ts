import type { Request, Response } from 'express';
import passport from 'passport';
import type { Principal } from './principal.js';

/** What passport concluded: a caller (passport's `user`), an error, or one failure per strategy tried. */
export type AuthenticationOutcome = { user: Principal } | { error: unknown } | { failures: unknown[] };

/**
 * Runs passport's strategies in order until one accepts the request. Written here rather than
 * taken from `@nestjs/passport`'s `AuthGuard`, whose strategy list is fixed when the guard class is
 * made: the guard chooses the list per route (`@AuthenticateWith`), so `GET /session/me` is judged
 * by the session cookie alone even when the browser also sends a token cookie.
 */
export function authenticate(strategies: readonly string[], request: Request, response: Response): Promise<AuthenticationOutcome> {
  return new Promise((resolve) => {
    const middleware = passport.authenticate(strategies as string[], { session: false }, (error: unknown, user: Principal | false, info: unknown) => {
      if (error) resolve({ error });
      else if (user) resolve({ user });
      else resolve({ failures: Array.isArray(info) ? info : [info] });
    });
    middleware(request, response, (error?: unknown) => resolve({ error: error ?? new Error('A strategy passed without deciding') }));
  });
}
