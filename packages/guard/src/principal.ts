import type { AccessTokenDetails, AuthenticatedUser } from './authenticated-user.js';

/**
 * An application calling on its own behalf, with a token from auth's client credentials grant
 * (RFC 6749 §4.4): what `@CurrentClient()` gives a handler. Such a token names no person, so it
 * carries no email, name or roles; what it may do is its `scope`.
 */
export interface AuthenticatedClient {
  kind: 'client';
  /** The application's `client_id` (also the token's `sub`). */
  id: string;
  /** The scopes auth granted the token, split on spaces; never empty. */
  scope: string[];
  /** Application tokens are accepted in the `Authorization` header only, never from a cookie. */
  via: 'bearer';
  token: AccessTokenDetails;
}

/** Whoever the guard accepted: a person or an application; `kind` tells which (`@CurrentPrincipal()`). */
export type Principal = AuthenticatedUser | AuthenticatedClient;
