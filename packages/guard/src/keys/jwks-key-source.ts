import { Logger, type LoggerService } from '@nestjs/common';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { types } from 'node:util';
import { ACCESS_TOKEN_ALGORITHM } from '../access-token/access-token-header.js';
import { jwksFetches } from '../metrics/guard-metrics.js';
import type { VerificationKeySource } from './verification-key-source.js';

/** What {@link JwksKeySource} needs. */
export interface JwksKeySourceOptions {
  /** auth's JWKS document, normally `${authUrl}/.well-known/jwks.json`; `settingsFrom` checks its scheme and host. */
  jwksUri: string;
  /** Least time between two fetches, whatever asks for them (an unknown `kid`, the age below). Default 30. */
  cooldownSeconds?: number;
  /**
   * Keys older than this are refetched in the background on the next lookup, so a key auth
   * withdraws from its JWKS (a compromised one) stops being trusted without a restart. Default 300.
   */
  maxAgeSeconds?: number;
  /** Told the `kid`s published after every fetch that changed them (the verified-token cache forgets the others). */
  onKeysChanged?: (published: ReadonlySet<string>) => void;
  /** Replaces the global `fetch` (tests). */
  fetch?: typeof fetch;
  logger?: LoggerService;
}

/** A slow auth delays only lookups of an unknown `kid`, and never for longer than this. */
const FETCH_TIMEOUT_MS = 5000;
const MIN_RSA_MODULUS_BITS = 2048;

/**
 * auth's signing keys, read from its JWKS (RFC 7517) and kept in memory.
 *
 * Hand-written rather than jwks-rsa because the contract requires serving from cached keys while
 * auth is down: jwks-rsa drops its cache once the max age passes and then fails every request.
 * Here a failed fetch never empties the cache, and failures are named (`keys_unavailable`).
 *
 * Loads when the service boots ({@link warmUp}) or else on the first lookup, so a service that
 * saw auth once can serve even if auth goes down before its first request. An unknown `kid` (auth
 * rotated its key) triggers a refetch, and keys older than `maxAgeSeconds` are refreshed in the
 * background; fetches happen at most once per cooldown, even before the first one succeeded, so a
 * flood of made-up `kid`s never becomes a flood at auth, and concurrent lookups share one fetch.
 * A well-formed key set replaces the cache (that is how a key is withdrawn); a failed fetch, an
 * error status or a malformed document leaves it as it was. An outage is logged once when it
 * starts and once when it ends. Only RSA signing keys for RS256 with a `kid` and at least 2048
 * bits are kept.
 */
export class JwksKeySource implements VerificationKeySource {
  private keys = new Map<string, KeyObject>();
  private loaded = false;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private failing = false;
  private lastFetchStartedAt = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;
  private readonly jwksUri: string;
  private readonly cooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly fetch: typeof fetch;
  private readonly logger: LoggerService;
  private readonly onKeysChanged?: (published: ReadonlySet<string>) => void;

  constructor(options: JwksKeySourceOptions) {
    this.jwksUri = options.jwksUri;
    this.cooldownMs = (options.cooldownSeconds ?? 30) * 1000;
    this.maxAgeMs = (options.maxAgeSeconds ?? 300) * 1000;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.logger = options.logger ?? new Logger(JwksKeySource.name);
    this.onKeysChanged = options.onKeysChanged;
  }

  /** Fills the cache at boot; auth being unreachable then is logged, not fatal. */
  warmUp(): Promise<void> {
    return this.refresh();
  }

  /** The key for `kid`, refetching the JWKS if it is unknown and the cooldown has passed. */
  async getKey(kid: string): Promise<KeyObject | undefined> {
    const cached = this.keys.get(kid);
    if (cached) {
      if (Date.now() - this.loadedAt >= this.maxAgeMs && this.mayFetch()) void this.refresh();
      return cached;
    }
    if (this.inFlight) await this.inFlight;
    else if (this.mayFetch()) await this.refresh();
    if (!this.loaded) throw new Error(`No signing keys could be fetched from ${this.jwksUri}`);
    return this.keys.get(kid);
  }

  /** Fetches the JWKS now (sharing a fetch already under way); on failure the cached keys stay. */
  refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private mayFetch(): boolean {
    return this.inFlight === undefined && Date.now() - this.lastFetchStartedAt >= this.cooldownMs;
  }

  private async load(): Promise<void> {
    this.lastFetchStartedAt = Date.now();
    try {
      // A redirect is refused, not followed: the keys come from the configured URI or from nowhere,
      // so a compromised or misconfigured hop cannot point the guard at someone else's keys.
      const response = await this.fetch(this.jwksUri, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.replaceKeys(signingKeysOf(await response.json()));
      jwksFetches.inc({ outcome: 'success' });
    } catch (error) {
      // Counted every time, although logged only when an outage starts.
      jwksFetches.inc({ outcome: 'failure' });
      if (this.failing) return;
      this.failing = true;
      this.logger.warn(`Could not fetch signing keys from ${this.jwksUri} (${describe(error)}); keeping ${this.keys.size} cached key(s)`);
    }
  }

  private replaceKeys(keys: Map<string, KeyObject>): void {
    const changed = !this.loaded || keys.size !== this.keys.size || [...keys.keys()].some((kid) => !this.keys.has(kid));
    this.keys = keys;
    this.loaded = true;
    this.loadedAt = Date.now();
    if (this.failing) {
      this.failing = false;
      this.logger.log(`Fetching signing keys from ${this.jwksUri} works again`);
    }
    if (!changed) return;
    this.logger.log(`Loaded ${keys.size} signing key(s) from ${this.jwksUri}: ${[...keys.keys()].join(', ')}`);
    this.onKeysChanged?.(new Set(keys.keys()));
  }
}

/** fetch reports an unreachable server or a redirect as "fetch failed"; its cause says why (ECONNREFUSED, unexpected redirect). */
function describe(error: unknown): string {
  if (!isError(error)) return String(error);
  return isError(error.cause) ? `${error.message}: ${error.cause.message}` : error.message;
}

/** Also true for fetch's errors when they come from another realm (as under jest). */
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

/** RFC 7517 §4 and RFC 7518 §6.3: RSA keys meant for signatures (`use` sig or absent) with RS256. */
function signingKeysOf(document: unknown): Map<string, KeyObject> {
  const listed: unknown = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(listed)) throw new Error('the document has no "keys" array');
  const keys = new Map<string, KeyObject>();
  for (const jwk of listed as JsonWebKey[]) {
    const key = isRs256SigningKey(jwk) ? publicKeyOf(jwk) : undefined;
    if (key) keys.set(jwk.kid as string, key);
  }
  return keys;
}

/** The key, unless node cannot read it or it is shorter than the 2048 bits RFC 7518 §3.3 requires. */
function publicKeyOf(jwk: JsonWebKey): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_MODULUS_BITS ? key : undefined;
  } catch {
    return undefined;
  }
}

function isRs256SigningKey(jwk: JsonWebKey): boolean {
  return (
    typeof jwk === 'object' &&
    jwk !== null &&
    jwk.kty === 'RSA' &&
    (jwk.use === undefined || jwk.use === 'sig') &&
    (jwk.alg === undefined || jwk.alg === ACCESS_TOKEN_ALGORITHM) &&
    typeof jwk.kid === 'string' &&
    jwk.kid !== ''
  );
}
