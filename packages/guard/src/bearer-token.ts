import type { IncomingMessage } from 'node:http';

/**
 * The credentials of an `Authorization: Bearer <token>` header (RFC 6750 §2.1). The scheme name is
 * case-insensitive (RFC 9110 §11.1), which passport-jwt's own extractor does not honour. Any other
 * scheme, or none, means the request carries no bearer token.
 */
export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== 'bearer') return null;
  return header.slice(space + 1).trim() || null;
}
