/**
 * The cookies auth sets and the guard reads. Cookies are scoped by host, not port (RFC 6265 §8.5),
 * so on one machine a cookie auth sets on localhost:3000 also reaches shop on localhost:3001: that
 * is how the demo shows a per-server session refused next door while the token cookie is accepted.
 */

/** express-session's cookie at auth: `s:<session id>.<signature>`. */
export const SESSION_COOKIE = 'sso_session';

/** The access token itself, for browsers: HttpOnly, so page scripts cannot read it. */
export const ACCESS_TOKEN_COOKIE = 'sso_access_token';

/** The refresh token that renews {@link ACCESS_TOKEN_COOKIE}; sent only to auth's `/auth/cookie` routes. */
export const REFRESH_TOKEN_COOKIE = 'sso_refresh_token';
