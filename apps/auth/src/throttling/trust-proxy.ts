import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** express's `trust proxy`: a hop count, or the proxies' addresses, subnets and names; `false`: none. */
export type TrustProxy = number | string[] | false;

/**
 * `TRUST_PROXY`: the proxy in front of auth whose `X-Forwarded-For` names the client, in the forms
 * of express's `trust proxy`: a hop count (`1`), or a comma-separated list of addresses, subnets and
 * the names `loopback`, `linklocal`, `uniquelocal` (`loopback,10.0.0.0/8`). Unset: no proxy, and the
 * client is the socket's address. `true` (trust every hop) is refused: any client could then write
 * its own address into the header and count as someone new on every request (express's "Express
 * behind proxies" guide warns of it; express-rate-limit refuses it for the same reason).
 */
export const trustProxy = () =>
  z.string().transform((value, context): TrustProxy => {
    const setting = value.trim();
    if (/^\d+$/.test(setting)) return Number(setting);
    if (setting === 'false') return false;
    if (setting === 'true') {
      context.addIssue({ code: 'custom', message: 'must name the proxy (an address, subnet, loopback or a hop count), not trust every hop' });
      return z.NEVER;
    }
    const proxies = setting.split(',').map((proxy) => proxy.trim());
    try {
      proxyaddr.compile(proxies); // what express does with the setting: the same rules, checked at boot
      return proxies;
    } catch (error) {
      context.addIssue({ code: 'custom', message: `must be a hop count or a comma-separated list of addresses, subnets or loopback, linklocal, uniquelocal (${(error as Error).message})` });
      return z.NEVER;
    }
  });
