import { Counter, Registry } from 'prom-client';
import { ACCESS_REFUSAL_DESCRIPTIONS } from '../rejections/access-refusal.js';
import { REJECTION_DESCRIPTIONS } from '../rejections/token-rejection.js';

/**
 * The guard's counters, in a registry of their own that `@sso/bootstrap` serves beside the
 * service's (`GET /metrics`). Handed over explicitly rather than through prom-client's global
 * default registry, so the two packages cannot end up counting into different copies of it.
 * One set per process, as a process is one service.
 */
export const guardMetricsRegistry = new Registry();

/**
 * Refused requests, by the guard's named reason: 401 for a credential (`TokenRejectionReason`),
 * 403 for an authenticated caller the route does not admit (`AccessRefusalReason`). The two sets
 * of names do not overlap, so one label tells them apart.
 */
export const tokenRejections = new Counter({
  name: 'sso_token_rejections_total',
  help: 'Requests the guard refused, by reason: 401 for the credential (missing_token, bad_signature, expired, ...), 403 for a caller the route does not admit (insufficient_scope, application_not_admitted)',
  labelNames: ['reason'],
  registers: [guardMetricsRegistry],
});

/** Fetches of auth's JWKS: `success` (a well-formed key set replaced the cache) or `failure` (the cached keys stayed). */
export const jwksFetches = new Counter({
  name: 'sso_jwks_fetches_total',
  help: 'Fetches of auth’s JWKS, by outcome: success, or failure (unreachable, an error status or a malformed document; the cached keys stay)',
  labelNames: ['outcome'],
  registers: [guardMetricsRegistry],
});

/** Lookups in the verified-token cache: `hit` skips the RS256 check, `miss` verifies. */
export const verifiedTokenCacheLookups = new Counter({
  name: 'sso_verified_token_cache_lookups_total',
  help: 'Lookups in the verified-token cache, by result: hit (no signature check) or miss (verified in full)',
  labelNames: ['result'],
  registers: [guardMetricsRegistry],
});

/** Every reason `sso_token_rejections_total` counts, 401 and 403 alike. */
const REFUSAL_REASONS: readonly string[] = [...Object.keys(REJECTION_DESCRIPTIONS), ...Object.keys(ACCESS_REFUSAL_DESCRIPTIONS)];

// Every series exists from boot, at 0, so that `rate()` and alerts see the first increment.
for (const reason of REFUSAL_REASONS) tokenRejections.inc({ reason }, 0);
for (const outcome of ['success', 'failure']) jwksFetches.inc({ outcome }, 0);

/** Bound once: a lookup on every authenticated request should not build a label object each time. */
export const verifiedTokenCacheHits = verifiedTokenCacheLookups.labels('hit');
export const verifiedTokenCacheMisses = verifiedTokenCacheLookups.labels('miss');
verifiedTokenCacheHits.inc(0);
verifiedTokenCacheMisses.inc(0);
