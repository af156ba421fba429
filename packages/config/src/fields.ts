import { isIP } from 'node:net';
import { z } from 'zod';

/** A TCP port, 1 to 65535. */
export const port = () =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be a port from 1 to 65535')
    .max(65535, 'must be a port from 1 to 65535');

/** A DNS host name (RFC 1123 §2.1): dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?!-)[a-z\d-]{1,63}(?<!-)(\.(?!-)[a-z\d-]{1,63}(?<!-))*$/i;

/** An address to listen on: an IP address (`0.0.0.0`, `127.0.0.1`, `::`) or a host name (`localhost`). */
export const listenHost = () =>
  z.string().refine((value) => isIP(value) !== 0 || HOST_NAME.test(value), 'must be an IP address or a host name');

/** An http(s) URL without a trailing slash: issuers are compared byte for byte (RFC 9068 §4). */
export const httpUrl = () =>
  z
    .string()
    .refine(isHttpUrl, 'must be an http or https URL')
    .refine((value) => !value.endsWith('/'), 'must not end with a slash');

/** A `postgres://` or `postgresql://` connection string naming a database. */
export const postgresUrl = () =>
  z.string().refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.pathname.length > 1;
    } catch {
      return false;
    }
  }, 'must be a postgresql:// URL naming a database');

/** `true`/`false` (also `1`/`0`, `yes`/`no`). */
export const flag = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A whole number of seconds within [min, max]. */
export const seconds = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(min, `must be at least ${min} seconds`)
    .max(max, `must be at most ${max} seconds`);

/**
 * A comma-separated list of web origins (`https://app.example.com,http://localhost:5173`): scheme,
 * host and optional port, no path (RFC 6454 §6.2). Empty means none.
 */
export const originList = () =>
  z
    .string()
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every(isOrigin), 'must be a comma-separated list of origins such as https://app.example.com (no path)');

/** The settings every service reads: where it listens, its database, its logs, demo data. */
export const serviceSettings = (defaultPort: number) => ({
  PORT: port().default(defaultPort),
  /** Every interface by default, so a container is reachable; `npm start` passes 127.0.0.1. */
  HOST: listenHost().default('0.0.0.0'),
  DATABASE_URL: postgresUrl(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
  SEED_DEMO_DATA: flag().default(false),
  /** Origins besides its own whose cookie-authenticated requests may change state (CSRF). */
  ALLOWED_ORIGINS: originList().default([]),
  /**
   * The bearer token `GET /metrics` requires (a Prometheus scrape job's `authorization`); unset:
   * `/metrics` answers loopback callers only. RFC 6750 §2.1's token characters, at least 32 of them.
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9\-._~+/]{32,1024}=*$/, 'must be 32 to 1024 token characters (letters, digits, -._~+/), e.g. from openssl rand -hex 32')
    .optional(),
});

/** What {@link serviceSettings} yields once validated. */
export type ServiceSettings = z.output<z.ZodObject<ReturnType<typeof serviceSettings>>>;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  return isHttpUrl(value) && new URL(value).origin === value;
}
