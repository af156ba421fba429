import { unsign } from 'cookie-signature';

/**
 * The session id in an express-session cookie value, `s:<id>.<HMAC-SHA256 signature>`, if the
 * signature verifies with `secret` (cookie-signature, as express-session itself checks it, in
 * constant time). Anything else names no session.
 */
export function sessionIdFrom(cookieValue: string, secret: string): string | undefined {
  if (!cookieValue.startsWith('s:')) return undefined;
  const sessionId = unsign(cookieValue.slice(2), secret);
  return sessionId === false ? undefined : sessionId;
}
