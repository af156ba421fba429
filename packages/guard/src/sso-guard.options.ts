import { VerifiedTokenCache } from './access-token/verified-token-cache.js';
import {
  type IntrospectionOptions,
  introspectionOptionsProblem,
  type IntrospectionSettings,
  introspectionSettingsFrom,
} from './introspection/introspection-settings.js';
import { JwksKeySource } from './keys/jwks-key-source.js';
import { jwksUriProblem } from './keys/jwks-uri.js';
import type { VerificationKeySource } from './keys/verification-key-source.js';
import { sessionStoreFor, type SessionOptions } from './session-cookie/session-options.js';
import type { SessionStore } from './session-cookie/session-store.js';

/** How a service verifies access tokens: who must have issued them, for whom, and where the keys are. */
export interface SsoGuardOptions {
  /** Accepted when the token's `aud` contains at least one of these (RFC 9068 §4). */
  audience: string | string[];
  /** The exact `iss` required: auth's public URL, no trailing slash. */
  issuer: string;
  /**
   * auth's JWKS, normally `${authUrl}/.well-known/jwks.json`. Exactly one of `jwksUri` and
   * `keySource`. https, or plain http to a loopback host, unless `allowInsecureJwksUri`.
   */
  jwksUri?: string;
  /**
   * Fetch the keys over plain http from any host, not only loopback: for containers that reach
   * auth by service name on a private network. Default false.
   */
  allowInsecureJwksUri?: boolean;
  /** Keys held in-process (the auth service passes its own). Exactly one of `jwksUri` and `keySource`. */
  keySource?: VerificationKeySource;
  /** Leeway for `exp`, `nbf` and a future `iat`, 0 to 30 seconds. Default 5. */
  clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches, whatever asks for them. Default 30. */
  jwksCooldownSeconds?: number;
  /** Age after which the keys are refreshed in the background, so a withdrawn key stops being trusted. Default 300. */
  jwksMaxAgeSeconds?: number;
  /** `realm` of the `WWW-Authenticate` challenge, and `service` of `GET /me`. Default: the first audience. */
  realm?: string;
  /**
   * Remember tokens that verified, so each is verified once until it expires (see
   * {@link VerifiedTokenCache}): at most `maxEntries` of them. `false` verifies every request.
   * Default `{ maxEntries: 10000 }`.
   */
  verifiedTokenCache?: { maxEntries: number } | false;
  /**
   * Origins besides the service's own whose cookie-authenticated requests may change state
   * (`https://app.example.com`); any other `Origin` is refused with 403 (CSRF). Default: none.
   */
  allowedOrigins?: string[];
  /** Accept auth's session cookie too, and serve `GET /session/me`; see {@link SessionOptions}. Default: no sessions. */
  sessions?: SessionOptions;
  /**
   * Check `Authorization: Bearer` tokens by asking auth on every request (RFC 7662) instead of
   * verifying them here; see {@link IntrospectionOptions}. The token cookie is still verified
   * locally (against `jwksUri` or `keySource`). Default: local verification.
   */
  introspection?: IntrospectionOptions;
}

/** What `SsoGuardModule.forRoot` takes: the verification settings, and whether to serve `GET /me`. */
export interface SsoGuardModuleOptions extends SsoGuardOptions {
  /** Serve `GET /me` → `{service: realm, user: {id, email, name, roles}}` for any valid token. */
  identityRoute?: boolean;
}

/** The options after validation, as the strategy, the guard and `GET /me` read them. */
export interface SsoGuardSettings {
  audience: string[];
  issuer: string;
  keySource: VerificationKeySource;
  clockToleranceSeconds: number;
  realm: string;
  allowedOrigins: ReadonlySet<string>;
  /** Tokens that verified before; undefined when the cache is off. */
  tokenCache?: VerifiedTokenCache;
  /** Where session cookies are looked up; undefined when the service takes no sessions. */
  sessionStore?: SessionStore;
  /** How Bearer tokens are introspected at auth; undefined when they are verified locally. */
  introspection?: IntrospectionSettings;
}

/** Injection token of the validated {@link SsoGuardSettings}. */
export const SSO_GUARD_SETTINGS = Symbol('SsoGuardSettings');

const MAX_CLOCK_TOLERANCE_SECONDS = 30;
const DEFAULT_CACHED_TOKENS = 10_000;

/**
 * Validates the options once, when the module is created, so a misconfigured service stops at boot
 * with one sentence naming the option instead of refusing every token later. Creates the
 * {@link JwksKeySource} when keys come from `jwksUri`.
 */
export function settingsFrom(options: SsoGuardOptions): SsoGuardSettings {
  const audience = typeof options.audience === 'string' ? [options.audience] : options.audience;
  if (!Array.isArray(audience) || audience.length === 0 || !audience.every(isNonEmptyString)) {
    invalid('audience must be a non-empty string or a non-empty list of non-empty strings');
  }
  if (!isHttpUrl(options.issuer) || options.issuer.endsWith('/')) {
    invalid(`issuer must be an http(s) URL without a trailing slash, got ${JSON.stringify(options.issuer)}`);
  }
  if ((options.jwksUri === undefined) === (options.keySource === undefined)) {
    invalid('exactly one of jwksUri and keySource must be given');
  }
  const jwksProblem = options.jwksUri === undefined ? undefined : jwksUriProblem(options.jwksUri, options.allowInsecureJwksUri === true);
  if (jwksProblem !== undefined) invalid(jwksProblem);
  const clockToleranceSeconds = options.clockToleranceSeconds ?? 5;
  if (!inRange(clockToleranceSeconds, 0, MAX_CLOCK_TOLERANCE_SECONDS)) {
    invalid(`clockToleranceSeconds must be from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}, got ${clockToleranceSeconds}`);
  }
  const jwksCooldownSeconds = options.jwksCooldownSeconds ?? 30;
  if (!inRange(jwksCooldownSeconds, 0, Number.MAX_SAFE_INTEGER)) {
    invalid(`jwksCooldownSeconds must be zero or more, got ${jwksCooldownSeconds}`);
  }
  const realm = options.realm ?? audience[0]!;
  // RFC 6750 §3: the realm is a quoted string; quotes and backslashes would need escaping.
  if (!isNonEmptyString(realm) || /["\\\r\n]/.test(realm)) {
    invalid('realm must be a non-empty string without quotes, backslashes or line breaks');
  }
  const allowedOrigins = options.allowedOrigins ?? [];
  const malformedOrigin = allowedOrigins.find((origin) => !isOrigin(origin));
  if (malformedOrigin !== undefined) {
    invalid(`allowedOrigins must hold origins such as https://app.example.com (scheme, host, port; no path), got ${JSON.stringify(malformedOrigin)}`);
  }
  const jwksMaxAgeSeconds = options.jwksMaxAgeSeconds ?? 300;
  if (!inRange(jwksMaxAgeSeconds, 1, Number.MAX_SAFE_INTEGER)) {
    invalid(`jwksMaxAgeSeconds must be at least 1, got ${jwksMaxAgeSeconds}`);
  }
  const cacheOptions = options.verifiedTokenCache ?? { maxEntries: DEFAULT_CACHED_TOKENS };
  if (cacheOptions && !(Number.isInteger(cacheOptions.maxEntries) && cacheOptions.maxEntries >= 1)) {
    invalid(`verifiedTokenCache.maxEntries must be a whole number of at least 1, got ${cacheOptions.maxEntries}`);
  }
  const tokenCache = cacheOptions ? new VerifiedTokenCache(cacheOptions.maxEntries) : undefined;
  const introspectionProblem = options.introspection && introspectionOptionsProblem(options.introspection, options.allowInsecureJwksUri === true);
  if (introspectionProblem) invalid(introspectionProblem);
  const keySource =
    options.keySource ??
    new JwksKeySource({
      jwksUri: options.jwksUri!,
      cooldownSeconds: jwksCooldownSeconds,
      maxAgeSeconds: jwksMaxAgeSeconds,
      onKeysChanged: (published) => tokenCache?.retainKeys(published),
    });
  return {
    audience,
    issuer: options.issuer,
    keySource,
    tokenCache,
    clockToleranceSeconds,
    realm,
    allowedOrigins: new Set(allowedOrigins),
    sessionStore: options.sessions && sessionStoreFor(options.sessions),
    introspection: options.introspection && introspectionSettingsFrom(options.introspection),
  };
}

function invalid(problem: string): never {
  throw new Error(`Invalid SsoGuardModule options: ${problem}.`);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** RFC 6454 §6.2: an origin serialises as scheme://host[:port], exactly what `URL.origin` gives back. */
function isOrigin(value: unknown): value is string {
  return isHttpUrl(value) && new URL(value).origin === value;
}

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
