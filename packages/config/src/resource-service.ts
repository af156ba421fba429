import { z } from 'zod';
import { httpUrl, serviceSettings } from './fields.js';

/**
 * The settings of a resource service (shop, helpdesk, forum): the common ones plus where auth is.
 * `AUTH_URL` is where the service fetches auth's keys; `AUTH_ISSUER` is the `iss` it requires.
 * They differ when auth is reached by an internal name (`http://auth:3000` in compose) but issues
 * tokens under its public URL.
 */
export const resourceServiceSettings = (defaultPort: number) =>
  z
    .object({ ...serviceSettings(defaultPort), AUTH_URL: httpUrl(), AUTH_ISSUER: httpUrl().optional() })
    .transform((config) => ({
      ...config,
      AUTH_ISSUER: config.AUTH_ISSUER ?? config.AUTH_URL,
      JWKS_URI: `${config.AUTH_URL}/.well-known/jwks.json`,
    }));

export type ResourceServiceConfig = z.output<ReturnType<typeof resourceServiceSettings>>;
