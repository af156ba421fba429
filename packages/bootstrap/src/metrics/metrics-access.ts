import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Who may read `GET /metrics`: `allowed`, or why not (401 asks for the token, 403 has none to ask for). */
export type MetricsAccess = 'allowed' | 'missing_token' | 'wrong_token' | 'not_loopback';

/** The `Authorization` value a scraper sends: the scheme is case-insensitive (RFC 9110 §11.1). */
const BEARER = /^bearer +(\S+) *$/i;

/**
 * Decides who reads `GET /metrics`, which the access-token guard does not protect: what it tells
 * (routes, error rates, refusal reasons, memory) helps an attacker and concerns operators only.
 *
 * - `METRICS_TOKEN` set: every caller must send `Authorization: Bearer <METRICS_TOKEN>`, loopback
 *   included, compared in constant time.
 * - unset: only a caller on this machine (a loopback address) that is not a proxy relaying someone
 *   else (no `Forwarded` or `X-Forwarded-For`) is answered. That suits `npm start` and a sidecar
 *   scraper, and keeps a service reachable from a network closed until an operator picks a token.
 */
export function metricsAccess(metricsToken: string | undefined): (request: IncomingMessage) => MetricsAccess {
  if (metricsToken === undefined) return (request) => (isLocalCaller(request) ? 'allowed' : 'not_loopback');
  const expected = digestOf(metricsToken);
  return (request) => {
    const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (presented === undefined) return 'missing_token';
    return matchesDigest(presented, expected) ? 'allowed' : 'wrong_token';
  };
}

/**
 * Whether `presented` is the token whose SHA-256 is `expected`, in time that does not depend on
 * where they differ: both sides are digests of the same length, so `timingSafeEqual` applies and
 * not even the token's length leaks (OWASP: compare secrets in constant time).
 */
function matchesDigest(presented: string, expected: Buffer): boolean {
  return timingSafeEqual(digestOf(presented), expected);
}

function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/**
 * A caller on this machine, talking to the service directly. The socket's address, never
 * `request.ip`: with `trust proxy` that comes from a header the client writes.
 */
export function isLocalCaller(request: IncomingMessage): boolean {
  if (request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined) return false;
  return isLoopbackAddress(request.socket.remoteAddress ?? '');
}

/** 127.0.0.0/8 (RFC 1122 §3.2.1.3), ::1 (RFC 4291 §2.5.3), and IPv4 loopback mapped into IPv6 (RFC 4291 §2.5.5.2). */
function isLoopbackAddress(address: string): boolean {
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return ipv4.startsWith('127.') || address === '::1';
}
