import { Logger, type LoggerService, type OnModuleInit } from '@nestjs/common';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { TokenRejectedError } from './token-rejection.js';
import type { VerificationKeySource } from './verification-key-source.js';

export interface JwksKeySourceOptions {
  /** auth's JWKS, configured by the service: never a URL taken from a token. */
  jwksUri: string;
  /** The least time between two fetches caused by unknown `kid`s. */
  cooldownSeconds?: number;
  /** How long one fetch may take. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  logger?: LoggerService;
}

/** While no key was ever loaded (auth not up yet), retry at most this often. */
const FIRST_LOAD_RETRY_MS = 1000;

/**
 * auth's public keys, fetched from its JWKS and kept in memory.
 *
 * Written here rather than taken from jwks-rsa: the contract requires a service to keep serving
 * from its cached keys while auth is down, but jwks-rsa drops a key once its cache age passes and
 * then fails every request; it also reports failures as strings we could not name. Here a failed
 * refetch never empties the cache, refetches for unknown `kid`s are rate limited (one in flight,
 * at most one per cooldown), and failures are {@link TokenRejectedError}s.
 */
export class JwksKeySource implements VerificationKeySource, OnModuleInit {
  private keys = new Map<string, KeyObject>();
  private loaded = false;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;
  private readonly cooldownMs: number;
  private readonly logger: LoggerService;

  constructor(private readonly options: JwksKeySourceOptions) {
    this.cooldownMs = (options.cooldownSeconds ?? 30) * 1000;
    this.logger = options.logger ?? new Logger(JwksKeySource.name);
  }

  /** Warms the cache at boot, so the first request does not wait; auth being down is not fatal. */
  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  async getKey(kid: string): Promise<KeyObject | undefined> {
    const cached = this.keys.get(kid);
    if (cached) return cached;
    await this.refreshIfAllowed();
    if (!this.loaded) throw new TokenRejectedError('keys_unavailable');
    return this.keys.get(kid);
  }

  /** Fetches the JWKS now; concurrent callers share one request. Never throws. */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private refreshIfAllowed(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const wait = this.loaded ? this.cooldownMs : Math.min(this.cooldownMs, FIRST_LOAD_RETRY_MS);
    return Date.now() - this.lastFetchAt >= wait ? this.refresh() : Promise.resolve();
  }

  private async fetchKeys(): Promise<void> {
    this.lastFetchAt = Date.now();
    const { jwksUri, timeoutMs = 5000 } = this.options;
    try {
      const response = await (this.options.fetch ?? fetch)(jwksUri, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const keys = toVerificationKeys(await response.json());
      if (keys.size === 0) throw new Error('it holds no RS256 signing key');
      this.keys = keys;
      this.loaded = true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not refresh signing keys from ${jwksUri} (${reason}); keeping ${this.keys.size} cached`);
    }
  }
}

/** Keeps only keys fit to verify RS256 signatures (RFC 7517 §4.2, §4.4); others are ignored. */
function toVerificationKeys(document: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const list = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) return keys;
  for (const jwk of list as Array<JsonWebKey & { kid?: unknown; use?: unknown; alg?: unknown }>) {
    if (jwk?.kty !== 'RSA' || typeof jwk.kid !== 'string') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') continue;
    try {
      keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
    } catch {
      // A malformed key is skipped; the others still serve.
    }
  }
  return keys;
}
