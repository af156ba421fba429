import { accessTokenIdentityUrl, type Credential, type LoginDetails, type ServiceUrls } from './credential.js';
import { postExpecting, statusOf } from './http-exchange.js';
import { secondsUntilExpiry } from './jwt-expiry.js';

/**
 * An API client's flow: `POST /auth/login` returns the token pair, the access token travels as
 * `Authorization: Bearer`, and logout revokes the refresh token (`POST /auth/logout`).
 */
export async function logInWithBearerToken(urls: ServiceUrls, login: LoginDetails): Promise<Credential> {
  const response = await postExpecting(`${urls.auth}/auth/login`, 200, { json: login });
  const { access_token: accessToken, refresh_token: refreshToken } = (await response.json()) as {
    access_token: string;
    refresh_token: string;
  };
  const headers = { authorization: `Bearer ${accessToken}` };
  return {
    present: (service) => statusOf(accessTokenIdentityUrl(urls, service), headers),
    logOut: async () => {
      await postExpecting(`${urls.auth}/auth/logout`, 204, { json: { refresh_token: refreshToken } });
    },
    secondsLeft: () => secondsUntilExpiry(accessToken),
  };
}
