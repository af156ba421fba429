import type { JwtHeader } from 'jsonwebtoken';
import { TokenRejectedError } from '../rejections/token-rejection.js';

/**
 * The longest token the guard reads. auth's access tokens are about 1 KiB; the bound keeps small
 * what a caller who holds no key can make the guard decode and parse before any signature is
 * checked. (Node refuses a request whose headers together exceed 16 KiB with 431 before the guard
 * ever runs.)
 */
export const MAX_TOKEN_LENGTH = 8 * 1024;

/** RFC 7515 §2: base64url, without padding. Empty is allowed: an unsecured JWS has no signature (RFC 7519 §6.1), refused later by its `alg`. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const PART_NAMES = ['header', 'payload', 'signature'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JOSE header of a compact JWS (RFC 7515 §7.1), read without trusting anything: at most
 * {@link MAX_TOKEN_LENGTH} characters, three parts, each canonical base64url, a header
 * and a payload that are UTF-8 JSON objects (RFC 7515 §5.2, RFC 7519 §7.2). Anything else is
 * `malformed_token`, named before a key is looked up.
 *
 * Canonical means the part is exactly what encoding its bytes gives back: no padding, no
 * characters outside the alphabet (RFC 7515 §2), no unused bits set in the last character (RFC 4648
 * §3.5 lets a decoder refuse those). Node's decoder skips the former and ignores the latter, so
 * without this check one signed token could be spelled many ways and each spelling accepted:
 * anything keyed by the token string (a denylist, a cache, a log search) would be bypassed.
 */
export function joseHeaderOf(token: string): Partial<JwtHeader> {
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError('malformed_token', `longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenRejectedError('malformed_token', 'not three dot-separated parts');
  const [header, payload] = parts.map((part, index) => bytesOf(part, PART_NAMES[index]!));
  const decodedHeader = jsonObjectOf(header!, 'header');
  jsonObjectOf(payload!, 'payload');
  return decodedHeader;
}

function bytesOf(part: string, name: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (!BASE64URL.test(part) || bytes.toString('base64url') !== part) {
    throw new TokenRejectedError('malformed_token', `${name} is not base64url`);
  }
  return bytes;
}

function jsonObjectOf(bytes: Buffer, name: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not UTF-8 or not JSON: refused below
  }
  throw new TokenRejectedError('malformed_token', `${name} is not a JSON object`);
}
