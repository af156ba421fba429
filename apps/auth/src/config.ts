import { httpUrl, seconds, serviceSettings } from '@sso/config';
import { z } from 'zod';
import { keyEncryptionKey } from './keys/key-encryption-key.js';
import { trustProxy } from './throttling/trust-proxy.js';

/** Everything auth reads from its environment, validated once at boot. */
export const authConfigSchema = z
  .object({
    ...serviceSettings(3000),
    /** auth's public URL: the exact `iss` of its tokens and the `issuer` of its discovery document. */
    ISSUER: httpUrl().optional(),
    // The contract allows any lifetime from 1 s, so that expiry can be watched live.
    ACCESS_TOKEN_TTL: seconds(1, 86_400).default(900),
    /**
     * How long a rotated-in key is published before it signs. At least the services' JWKS_COOLDOWN
     * (30 s by default), so that every service can have fetched it before it meets a token it signed.
     */
    KEY_ROTATION_DELAY: seconds(0, 86_400).default(60),
    REFRESH_TOKEN_TTL: seconds(300, 90 * 86_400).default(14 * 86_400),
    /** How long one login can be kept alive by rotating its refresh tokens, from the login on. */
    REFRESH_TOKEN_ABSOLUTE_TTL: seconds(300, 365 * 86_400).default(30 * 86_400),
    /** How long a session of `POST /auth/session/login` lives: its cookie's Max-Age and its row's expiry. */
    SESSION_TTL: seconds(1, 30 * 86_400).default(86_400),
    /** The services an access token is for: its `aud`. */
    ACCESS_TOKEN_AUDIENCE: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$/, 'must be a comma-separated list of service names')
      .default('shop,helpdesk,forum')
      .transform((list) => list.split(',')),
    /** The proxy whose `X-Forwarded-For` names the client (express's `trust proxy`); unset: none. */
    TRUST_PROXY: trustProxy().optional(),
    NODE_ENV: z.string().optional(),
    /** Encrypts the signing private keys at rest (keys/private-key-cipher.ts); unset: stored unencrypted, with a warning. */
    SIGNING_KEY_ENCRYPTION_KEY: keyEncryptionKey().optional(),
    /** Where the demo page at `/` finds the resource services; `npm start` sets their real ports. */
    DEMO_SHOP_URL: httpUrl().default('http://localhost:3001'),
    DEMO_HELPDESK_URL: httpUrl().default('http://localhost:3002'),
    DEMO_FORUM_URL: httpUrl().default('http://localhost:3003'),
  })
  // In production the default would put `http://localhost:<PORT>` in every token and in discovery,
  // which no client can reach and every resource service would refuse (RFC 8414 §2, `issuer`).
  .refine((config) => config.NODE_ENV !== 'production' || config.ISSUER !== undefined, {
    path: ['ISSUER'],
    message: 'is required when NODE_ENV is production',
  })
  // Otherwise whoever reads auth's database (a backup, a leaked credential) can sign any token.
  .refine((config) => config.NODE_ENV !== 'production' || config.SIGNING_KEY_ENCRYPTION_KEY !== undefined, {
    path: ['SIGNING_KEY_ENCRYPTION_KEY'],
    message: 'is required when NODE_ENV is production',
  })
  .transform((config) => ({ ...config, ISSUER: config.ISSUER ?? `http://localhost:${config.PORT}` }));

export type AuthConfig = z.output<typeof authConfigSchema>;

/** Injection token for the validated {@link AuthConfig}. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

