import { z } from 'zod';
import { flag, httpUrl, postgresUrl, seconds, serviceSettings } from './fields.js';

/**
 * The settings of a resource service (shop, helpdesk, forum): the common ones plus where auth is.
 * `AUTH_URL` is where the service fetches auth's keys; `AUTH_ISSUER` is the `iss` it requires.
 * They differ when auth is reached by an internal name (`http://auth:3000` in compose) but issues
 * tokens under its public URL.
 *
 * `SESSION_MODE` says how the service treats auth's session cookie: `per-server` (its own store,
 * which knows none of auth's sessions) or `shared-store` (it reads auth's session table, in
 * `AUTH_DATABASE_URL`, on every request: the coupling the comparison exists to show).
 */
export const resourceServiceSettings = (defaultPort: number) =>
  z
    .object({
      ...serviceSettings(defaultPort),
      AUTH_URL: httpUrl(),
      AUTH_ISSUER: httpUrl().optional(),
      SESSION_MODE: z.enum(['per-server', 'shared-store'], { error: 'must be per-server or shared-store' }).default('per-server'),
      AUTH_DATABASE_URL: postgresUrl().optional(),
      /**
       * Least time between two fetches of auth's keys. auth's KEY_ROTATION_DELAY must be at least
       * this, so that every service can have fetched a new key before it signs.
       */
      JWKS_COOLDOWN: seconds(0, 3_600).default(30),
      /** How many verified tokens to remember, so each is verified once until it expires; 0 verifies every request. */
      VERIFIED_TOKEN_CACHE: z.coerce.number({ error: 'must be a number of tokens' }).int('must be a whole number').min(0, 'must be 0 or more').default(10_000),
      /** Fetch auth's keys over plain http from a host that is not loopback (compose's private network). */
      AUTH_ALLOW_HTTP: flag().default(false),
    })
    .refine((config) => config.SESSION_MODE !== 'shared-store' || config.AUTH_DATABASE_URL !== undefined, {
      path: ['AUTH_DATABASE_URL'],
      message: 'is required when SESSION_MODE is shared-store',
    })
    .transform((config) => ({
      ...config,
      AUTH_ISSUER: config.AUTH_ISSUER ?? config.AUTH_URL,
      JWKS_URI: `${config.AUTH_URL}/.well-known/jwks.json`,
    }));

export type ResourceServiceConfig = z.output<ReturnType<typeof resourceServiceSettings>>;
