import { DEMO_ACCOUNTS, DEMO_PASSWORD, type ServiceName } from '@sso/stack';
import type { HttpStatus } from './http-exchange.js';

/** Where each service listens, as `RunningStack.urls`. */
export type ServiceUrls = Record<ServiceName, string>;

/** A logged-in client holding one kind of credential, as a browser tab or an API client holds it. */
export interface Credential {
  /** Asks `service` who this is (its "who am I" endpoint), sending this credential alone. */
  present(service: ServiceName): Promise<HttpStatus>;
  /** Logs out the way this kind of client does; the credential itself is kept, to replay it afterwards. */
  logOut(): Promise<void>;
  /** Seconds until the credential expires by itself; undefined for a session, which the server ends. */
  secondsLeft(): number | undefined;
}

/** What a user types to log in. */
export interface LoginDetails {
  email: string;
  password: string;
}

/** alice, a customer: the demo account, seeded by the stack, that every row logs in as. */
export const DEMO_LOGIN: LoginDetails = { email: DEMO_ACCOUNTS[0][0], password: DEMO_PASSWORD };

/** Where a service says whom an access token belongs to: `/auth/me` at auth, `/me` at the others. */
export function accessTokenIdentityUrl(urls: ServiceUrls, service: ServiceName): string {
  return service === 'auth' ? `${urls.auth}/auth/me` : `${urls[service]}/me`;
}
