import type { Reply } from './http.js';

/** A cookie as a browser keeps it: the `name=value` pair it sends back, and the attributes it was set with. */
export interface SetCookie {
  pair: string;
  value: string;
  attributes: string[];
}

/** The cookie `name` that a reply set, or undefined. */
export function setCookie(reply: Reply, name: string): SetCookie | undefined {
  const line = reply.headers.getSetCookie().find((each) => each.startsWith(`${name}=`));
  if (line === undefined) return undefined;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return { pair: pair!, value: pair!.slice(name.length + 1), attributes };
}

/** Like {@link setCookie}, failing the test when the reply did not set it. */
export function requireCookie(reply: Reply, name: string): SetCookie {
  const cookie = setCookie(reply, name);
  if (!cookie) throw new Error(`expected a ${name} cookie, got Set-Cookie: ${JSON.stringify(reply.headers.getSetCookie())}`);
  return cookie;
}
