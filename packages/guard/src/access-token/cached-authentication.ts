import type { Request } from 'express';
import type { JwtFromRequestFunction } from 'passport-jwt';
import type { CredentialKind } from '../authenticated-user.js';
import type { AuthenticationOutcome } from '../passport-authenticate.js';
import { arrivedVia } from './access-token-verification.js';
import type { VerifiedTokenCache } from './verified-token-cache.js';

/** The ways in whose credential is an access token this service verifies itself, and how each reads it from a request. */
export type TokenSources = Partial<Readonly<Record<CredentialKind, JwtFromRequestFunction>>>;

/**
 * Answers a request from the verified-token cache, before passport is asked, when the answer is
 * certain: the ways in are tried in the route's order, as passport would try their strategies; a
 * way whose credential is absent is passed over (its strategy would fail with `missing_token`, and
 * passport would go on to the next); the first credential present decides. If the cache knows it,
 * the request is answered here as that way's strategy would answer it ({@link arrivedVia}, which
 * may still refuse: an application's token in a cookie). If not, or if the way is one the cache
 * cannot answer for (a session cookie, an introspected token), this returns undefined and passport
 * runs every strategy as usual; the strategy that verifies a token remembers it.
 *
 * Kept in the guard rather than in each strategy because it is behaviour every token way in shares,
 * and because a hit then costs a hash and a map lookup, not passport's per-request machinery (a
 * middleware, a strategy object and its callbacks, a promise): on a cache hit that machinery was
 * most of what the guard cost (`npm run bench`, docs/bench.md).
 */
export class CachedAuthentication {
  constructor(
    private readonly cache: VerifiedTokenCache,
    private readonly sources: TokenSources,
  ) {}

  outcome(kinds: readonly CredentialKind[], request: Request): AuthenticationOutcome | undefined {
    for (const kind of kinds) {
      const extract = this.sources[kind];
      if (extract === undefined) return undefined;
      const token = extract(request);
      if (!token) continue;
      const caller = this.cache.get(token);
      if (caller === undefined) return undefined;
      try {
        return { user: arrivedVia(caller, kind) };
      } catch (error) {
        return { error };
      }
    }
    return undefined;
  }
}
