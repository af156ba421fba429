import { SESSION_COOKIE } from '@sso/guard';
import type { Credential, LoginDetails, ServiceUrls } from './credential.js';
import { postExpecting, statusOf } from './http-exchange.js';
import { cookieSetBy } from './set-cookie.js';

/**
 * The classic flow: auth creates a session and the browser keeps only its id, in the `sso_session`
 * cookie. Auth answers at `/auth/session/me`, the resource services at `/session/me`; whether they
 * know the session depends on their SESSION_MODE, which is the point of the comparison.
 */
export async function logInWithSessionCookie(urls: ServiceUrls, login: LoginDetails): Promise<Credential> {
  const cookie = cookieSetBy(await postExpecting(`${urls.auth}/auth/session/login`, 200, { json: login }), SESSION_COOKIE);
  return {
    present: (service) => statusOf(service === 'auth' ? `${urls.auth}/auth/session/me` : `${urls[service]}/session/me`, { cookie }),
    logOut: async () => {
      await postExpecting(`${urls.auth}/auth/session/logout`, 204, { cookie });
    },
    secondsLeft: () => undefined,
  };
}
