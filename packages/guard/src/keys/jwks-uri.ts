import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** RFC 6890 §2.2.2 (127.0.0.0/8) and §2.2.3 (::1): addresses whose traffic never leaves the host. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Why the guard may not fetch its keys from `jwksUri`, or undefined when it may. The keys decide
 * who is trusted, so they travel over https: over plain http anyone on the path could publish their
 * own key and sign tokens for every service (OpenID Connect Discovery 1.0 §3: `jwks_uri` MUST use
 * https). Plain http is allowed to a loopback host (`localhost`, 127.0.0.0/8, `[::1]`), where
 * there is no path to be on, and anywhere when `allowInsecure` says so explicitly (containers that
 * reach auth by its service name on a private network). Credentials in the URL are refused: fetch
 * will not send them, and they would end up in log lines.
 */
export function jwksUriProblem(jwksUri: string, allowInsecure: boolean): string | undefined {
  return authEndpointProblem('jwksUri', jwksUri, allowInsecure);
}

/**
 * The same rule for any endpoint of auth the guard calls, named by its option: auth's
 * introspection endpoint receives this service's client secret and every token, and its answer
 * decides who is let in, so it too travels over https but to loopback or where allowed.
 */
export function authEndpointProblem(option: string, endpoint: string, allowInsecure: boolean): string | undefined {
  if (!URL.canParse(endpoint)) return `${option} must be an http(s) URL`;
  const url = new URL(endpoint);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${option} must be an http(s) URL`;
  if (url.username !== '' || url.password !== '') return `${option} must not contain credentials`;
  if (url.protocol === 'http:' && !allowInsecure && !isLoopback(url.hostname)) {
    return `${option} must use https unless its host is loopback (localhost, 127.0.0.0/8, [::1]) or allowInsecureJwksUri is set (AUTH_ALLOW_HTTP=true for a resource service), got ${url.origin}`;
  }
  return undefined;
}

function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  // WHATWG URL brackets IPv6 hosts and normalises IPv4 forms (`127.1`, `0x7f.0.0.1`) to dotted quads.
  const address = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(address)) return LOOPBACK.check(address, 'ipv4');
  return isIPv6(address) && LOOPBACK.check(address, 'ipv6');
}
