import { parse } from 'cookie';
import type { IncomingMessage } from 'node:http';

/** One cookie of a request, or undefined; no cookie-parser middleware is needed for it. */
export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const value = parse(header)[name];
  return value === '' ? undefined : value;
}
