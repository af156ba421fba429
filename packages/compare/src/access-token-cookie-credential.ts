import { ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE } from '@sso/guard';
import { accessTokenIdentityUrl, type Credential, type LoginDetails, type ServiceUrls } from './credential.js';
import { postExpecting, statusOf } from './http-exchange.js';
import { secondsUntilExpiry } from './jwt-expiry.js';
import { cookieSetBy } from './set-cookie.js';

/**
 * A browser's token flow: `POST /auth/cookie/login` sets the access token and the refresh token as
 * HttpOnly cookies; every service reads the access-token cookie; logout (`POST /auth/cookie/logout`
 * with the refresh cookie) revokes the refresh token and clears both cookies. The access-token cookie
 * kept from before logout is what a second tab or a thief still holds.
 */
export async function logInWithAccessTokenCookie(urls: ServiceUrls, login: LoginDetails): Promise<Credential> {
  const response = await postExpecting(`${urls.auth}/auth/cookie/login`, 200, { json: login });
  const accessCookie = cookieSetBy(response, ACCESS_TOKEN_COOKIE);
  const refreshCookie = cookieSetBy(response, REFRESH_TOKEN_COOKIE);
  return {
    present: (service) => statusOf(accessTokenIdentityUrl(urls, service), { cookie: accessCookie }),
    logOut: async () => {
      await postExpecting(`${urls.auth}/auth/cookie/logout`, 204, { cookie: refreshCookie });
    },
    secondsLeft: () => secondsUntilExpiry(accessCookie.slice(`${ACCESS_TOKEN_COOKIE}=`.length)),
  };
}
