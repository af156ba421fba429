import type { SessionMode } from '@sso/stack';
import { logInWithAccessTokenCookie } from './access-token-cookie-credential.js';
import { logInWithBearerToken } from './bearer-token-credential.js';
import type { Credential, LoginDetails, ServiceUrls } from './credential.js';
import type { RowName } from './matrix.js';
import { logInWithSessionCookie } from './session-cookie-credential.js';

/** How one row of the matrix logs in, and the SESSION_MODE its resource services run in. */
export interface WayIn {
  row: RowName;
  sessionMode: SessionMode;
  logIn(urls: ServiceUrls, login: LoginDetails): Promise<Credential>;
}

/**
 * The matrix's rows, in order. The token rows run beside per-server sessions, the default: a token
 * needs no session store at all.
 */
export const WAYS_IN: readonly WayIn[] = [
  { row: 'session cookie (per-server)', sessionMode: 'per-server', logIn: logInWithSessionCookie },
  { row: 'session cookie (shared store)', sessionMode: 'shared-store', logIn: logInWithSessionCookie },
  { row: 'access token (Bearer)', sessionMode: 'per-server', logIn: logInWithBearerToken },
  { row: 'access token (cookie)', sessionMode: 'per-server', logIn: logInWithAccessTokenCookie },
];
