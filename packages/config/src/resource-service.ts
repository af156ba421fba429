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
 *
 * `TOKEN_VALIDATION` says how a Bearer token is checked: `local` (the signature against auth's
 * cached keys, no call to auth) or `introspection` (RFC 7662: auth is asked about every request,
 * authenticating as the client `INTROSPECTION_CLIENT_ID`, whose audiences must include this
 * service). Introspection sees a revoked application at once; it costs a round trip per request
 * and makes auth a dependency of every call.
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
      TOKEN_VALIDATION: z.enum(['local', 'introspection'], { error: 'must be local or introspection' }).default('local'),
      INTROSPECTION_CLIENT_ID: z.string().optional(),
      /** Sent to auth in an `Authorization: Basic` header; auth's client secrets are at least 32 characters. */
      INTROSPECTION_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    })
    .refine((config) => config.SESSION_MODE !== 'shared-store' || config.AUTH_DATABASE_URL !== undefined, {
      path: ['AUTH_DATABASE_URL'],
      message: 'is required when SESSION_MODE is shared-store',
    })
    .superRefine((config, context) => {
      if (config.TOKEN_VALIDATION !== 'introspection') return;
      for (const variable of ['INTROSPECTION_CLIENT_ID', 'INTROSPECTION_CLIENT_SECRET'] as const) {
        if (config[variable] === undefined) context.addIssue({ code: 'custom', path: [variable], message: 'is required when TOKEN_VALIDATION is introspection' });
      }
    })
    .transform((config) => ({
      ...config,
      AUTH_ISSUER: config.AUTH_ISSUER ?? config.AUTH_URL,
      JWKS_URI: `${config.AUTH_URL}/.well-known/jwks.json`,
      /** RFC 7662 §2: auth's introspection endpoint (as its discovery document names it). */
      INTROSPECTION_URI: `${config.AUTH_URL}/oauth/introspect`,
    }));

export type ResourceServiceConfig = z.output<ReturnType<typeof resourceServiceSettings>>;
