import type { CookieOptions } from 'express';

/**
 * The session cookie's attributes, the same when it is set and when it is cleared (a browser
 * replaces a cookie only when name, path and domain match). `HttpOnly`: page scripts cannot read
 * the session id (OWASP Session Management Cheat Sheet, "Cookies"). `SameSite=Lax`: the browser
 * leaves it off cross-site subrequests and POSTs (RFC 6265bis, "The SameSite Attribute").
 * `Path=/`: auth's pages and, hosts being shared across ports, the resource services of the
 * comparison receive it. `Secure` follows the request's scheme and is decided per request.
 */
export const SESSION_COOKIE_ATTRIBUTES = { httpOnly: true, sameSite: 'lax', path: '/' } as const satisfies CookieOptions;
