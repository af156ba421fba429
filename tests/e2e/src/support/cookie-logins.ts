import type { RunningStack } from '@sso/stack';
import { requireCookie, type SetCookie } from './cookies.js';
import { DEMO_PASSWORD } from './demo.js';
import { call } from './http.js';

export const SESSION_COOKIE = 'sso_session';
export const ACCESS_TOKEN_COOKIE = 'sso_access_token';
export const REFRESH_TOKEN_COOKIE = 'sso_refresh_token';

/** The classic login: auth creates a session and answers with its cookie. */
export async function sessionLogin(stack: RunningStack, email: string, password = DEMO_PASSWORD): Promise<SetCookie> {
  const reply = await call('POST', `${stack.urls.auth}/auth/session/login`, { json: { email, password } });
  if (reply.status !== 200) throw new Error(`session login as ${email} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return requireCookie(reply, SESSION_COOKIE);
}

/** The token login for browsers: the access and refresh tokens come as HttpOnly cookies. */
export async function cookieLogin(stack: RunningStack, email: string, password = DEMO_PASSWORD): Promise<{ access: SetCookie; refresh: SetCookie }> {
  const reply = await call('POST', `${stack.urls.auth}/auth/cookie/login`, { json: { email, password } });
  if (reply.status !== 200) throw new Error(`cookie login as ${email} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return { access: requireCookie(reply, ACCESS_TOKEN_COOKIE), refresh: requireCookie(reply, REFRESH_TOKEN_COOKIE) };
}
