import { httpUrl, seconds, serviceSettings } from '@sso/config';
import { z } from 'zod';

/** Everything auth reads from its environment, validated once at boot. */
export const authConfigSchema = z
  .object({
    ...serviceSettings(3000),
    /** auth's public URL: the exact `iss` of its tokens and the `issuer` of its discovery document. */
    ISSUER: httpUrl().optional(),
    // The contract allows any lifetime from 1 s, so that expiry can be watched live.
    ACCESS_TOKEN_TTL: seconds(1, 86_400).default(900),
    REFRESH_TOKEN_TTL: seconds(300, 90 * 86_400).default(14 * 86_400),
    /** How long a session of `POST /auth/session/login` lives: its cookie's Max-Age and its row's expiry. */
    SESSION_TTL: seconds(1, 30 * 86_400).default(86_400),
    /** The services an access token is for: its `aud`. */
    ACCESS_TOKEN_AUDIENCE: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$/, 'must be a comma-separated list of service names')
      .default('shop,helpdesk,forum')
      .transform((list) => list.split(',')),
  })
  .transform((config) => ({ ...config, ISSUER: config.ISSUER ?? `http://localhost:${config.PORT}` }));

export type AuthConfig = z.output<typeof authConfigSchema>;

/** Injection token for the validated {@link AuthConfig}. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

