import { hash } from 'node:crypto';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { verifiedTokenCacheHits, verifiedTokenCacheMisses } from '../metrics/guard-metrics.js';
import type { AuthenticatedClient } from '../principal.js';

/** The caller a verified token states, without the way in (the same token may come by header or cookie). */
export type VerifiedCaller = Omit<AuthenticatedUser, 'via'> | Omit<AuthenticatedClient, 'via'>;

interface Entry {
  caller: VerifiedCaller;
  kid: string;
  /** The token's `exp`, in epoch ms: the entry is not served from then on. */
  expiresAt: number;
}

/**
 * Tokens that verified once, so the RS256 check runs once per token rather than once per request
 * (the same idea as Envoy's and Kong's JWT caches). Only the strategies put entries here, after a
 * token passed every check, so forged tokens cannot fill it; it is bounded and evicts the least
 * recently used; keys are SHA-256 hashes, never the token itself; an entry ends at the token's
 * `exp` (no leeway: a cached answer is never more generous than a fresh check) and when the key
 * that signed it leaves auth's JWKS.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The caller of a token that verified before and has not expired since, or undefined; counted as a hit or a miss. */
  get(token: string): VerifiedCaller | undefined {
    const key = hashOf(token);
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (!entry || entry.expiresAt <= this.now()) {
      verifiedTokenCacheMisses.inc();
      return undefined;
    }
    this.entries.set(key, entry); // most recently used last: Map keeps insertion order
    verifiedTokenCacheHits.inc();
    return entry.caller;
  }

  /** Remembers a token that just passed every check, signed by `kid`. */
  remember(token: string, kid: string, caller: VerifiedCaller): void {
    const expiresAt = caller.token!.expiresAt.getTime();
    if (expiresAt <= this.now()) return;
    this.entries.set(hashOf(token), { caller, kid, expiresAt });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every token signed by a key that is no longer published (a withdrawn key). */
  retainKeys(published: ReadonlySet<string>): void {
    for (const [key, entry] of this.entries) if (!published.has(entry.kid)) this.entries.delete(key);
  }
}

function hashOf(token: string): string {
  // crypto.hash: the one-shot form, about half the cost of createHash's object for a short input.
  return hash('sha256', token, 'base64url');
}
