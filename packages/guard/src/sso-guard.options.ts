import type { VerificationKeySource } from './verification-key-source.js';

/** How a service accepts access tokens. Named after what they are in OAuth resource-server terms. */
export interface SsoGuardOptions {
  /** The service's own name(s): a token is accepted only if its `aud` contains one (RFC 9068 §4). */
  audience: string | string[];
  /** The exact `iss` required: auth's public URL, no trailing slash. */
  issuer: string;
  /** auth's JWKS. Give this or `keySource`. */
  jwksUri?: string;
  /** Keys supplied in-process instead of fetched (auth itself uses this). */
  keySource?: VerificationKeySource;
  /** Leeway for `exp` and `nbf`, 0 to 30 seconds; 5 by default. */
  clockToleranceSeconds?: number;
  /** Least time between JWKS refetches for unknown `kid`s; 30 by default. */
  jwksCooldownSeconds?: number;
  /** `realm` of the `WWW-Authenticate` challenge; the (first) audience by default. */
  realm?: string;
  /** Also serve `GET /me`: who the token says the caller is. */
  identityRoute?: boolean;
}

/** Options after validation, with defaults applied. */
export interface ResolvedSsoGuardOptions {
  audience: string[];
  issuer: string;
  jwksUri?: string;
  keySource?: VerificationKeySource;
  clockToleranceSeconds: number;
  jwksCooldownSeconds: number;
  realm: string;
}

export const SSO_GUARD_OPTIONS = Symbol('SSO_GUARD_OPTIONS');

const MAX_CLOCK_TOLERANCE_SECONDS = 30;

/** Checks the options once, at boot; a mistake stops the service with one sentence. */
export function resolveSsoGuardOptions(options: SsoGuardOptions): ResolvedSsoGuardOptions {
  const audience = [options.audience].flat().filter((name) => typeof name === 'string' && name.length > 0);
  if (audience.length === 0) throw new Error('SsoGuardModule: audience must name at least one service');
  if (!/^https?:\/\/[^/]/.test(options.issuer ?? '') || options.issuer.endsWith('/')) {
    throw new Error(`SsoGuardModule: issuer must be an http(s) URL without a trailing slash (got ${JSON.stringify(options.issuer)})`);
  }
  if (Boolean(options.jwksUri) === Boolean(options.keySource)) {
    throw new Error('SsoGuardModule: give exactly one of jwksUri and keySource');
  }
  const clockToleranceSeconds = options.clockToleranceSeconds ?? 5;
  if (!(clockToleranceSeconds >= 0 && clockToleranceSeconds <= MAX_CLOCK_TOLERANCE_SECONDS)) {
    throw new Error(`SsoGuardModule: clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  const jwksCooldownSeconds = options.jwksCooldownSeconds ?? 30;
  if (!(jwksCooldownSeconds >= 0)) throw new Error('SsoGuardModule: jwksCooldownSeconds must not be negative');
  return {
    audience,
    issuer: options.issuer,
    jwksUri: options.jwksUri,
    keySource: options.keySource,
    clockToleranceSeconds,
    jwksCooldownSeconds,
    realm: options.realm ?? audience[0]!,
  };
}
