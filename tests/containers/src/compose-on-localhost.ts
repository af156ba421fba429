// What each compose service becomes as a local process: its environment exactly as compose
// declares it, with every address moved from compose's network to this machine. Inside compose,
// each container has a network name (`auth`) and listens on its own port (`PORT`); some ports are
// published on the host (`3000:3000`). Here every service listens on a free port of its own, so
// `auth:3000` and `localhost:3000` both become that port, and only when compose says something
// listens there: an address that would lead nowhere in compose stops the plan, naming it.
import type { ComposeService } from './compose-file.js';

/** What compose's file says that cannot work in compose: thrown with one line naming the service and variable. */
export class ComposeMismatch extends Error {
  override readonly name = 'ComposeMismatch';
}

/** Which service a variable's address reaches, and how: over compose's network, or a port published on the host. */
export interface Link {
  service: string;
  variable: string;
  target: string;
  via: 'network' | 'published';
  /** The address as compose writes it (`postgresql://shop:…@postgres:5432/shop`). */
  value: string;
}

export interface LocalPlan {
  /** Each service's environment for its local process. */
  environments: Record<string, Record<string, string>>;
  /** Where `localhost:<port>`, as compose publishes it, answers here: `http://localhost:<free port>`. */
  publishedUrl(hostPort: number): string;
  links: Link[];
}

/** The port a service listens on inside its container, and the variable that sets it. */
interface Listener {
  port: number;
  variable?: string;
}

const HOSTS_OF_THIS_MACHINE = ['localhost', '127.0.0.1'];

/**
 * Variables holding the URLs a browser or curl on the host uses, never dialled by the service
 * itself: there, `localhost:3000` means the host's published port. Anywhere else, `localhost` in a
 * container is the container itself, and an address of another service must use its network name.
 */
export const PUBLIC_URL_VARIABLES = ['ISSUER', 'AUTH_ISSUER', 'ALLOWED_ORIGINS', 'DEMO_SHOP_URL', 'DEMO_HELPDESK_URL', 'DEMO_FORUM_URL'];

// `host:port` where an address starts (value start, `//`, `@`, or a list's comma) and ends.
const ADDRESS = /(^|\/\/|@|,\s*)([A-Za-z0-9.-]+):(\d+)(?=$|[/?#,\s])/g;

/**
 * The local environments of `services` (interpolated, see resolveServices): `imageEnvironment`
 * (the Dockerfile's `ENV`) under compose's `environment`, every compose address rewritten to the
 * free port in `localPorts` of the service it names, and the listening variable (`PORT`) set to
 * that service's own free port. `localPorts` holds one port per service that listens, `postgres`
 * included. Throws {@link ComposeMismatch} for a listening port compose does not publish, and for
 * an address no service answers at in compose.
 */
export function planLocalRun(
  services: Record<string, ComposeService>,
  localPorts: Record<string, number>,
  imageEnvironment: Record<string, string> = {},
): LocalPlan {
  const listeners = Object.fromEntries(
    Object.entries(services).flatMap(([name, service]) => {
      const listener = listenerOf(name, service);
      return listener ? [[name, listener]] : [];
    }),
  );
  const published = publishedPorts(services, listeners);
  const localPort = (service: string) => {
    const port = localPorts[service];
    if (port === undefined) throw new Error(`no local port was chosen for ${service}`);
    return port;
  };
  const links: Link[] = [];

  const rewrite = (service: string, variable: string, value: string): string =>
    value.replace(ADDRESS, (whole, before: string, host: string, portText: string) => {
      const port = Number(portText);
      const where = `${service}: ${variable} names ${host}:${port}`;
      if (HOSTS_OF_THIS_MACHINE.includes(host)) {
        if (!PUBLIC_URL_VARIABLES.includes(variable)) {
          throw new ComposeMismatch(`${where}, but inside a container ${host} is the container itself; use the service's name`);
        }
        const target = published.get(port);
        if (target === undefined) throw new ComposeMismatch(`${where}, but compose publishes no host port ${port}`);
        links.push({ service, variable, target, via: 'published', value });
        return `${before}${host}:${localPort(target)}`;
      }
      if (!(host in services)) return whole; // not a compose service: an outside address, left as it is
      const listener = listeners[host];
      if (listener === undefined) throw new ComposeMismatch(`${where}, but ${host} listens on no port`);
      if (listener.port !== port) throw new ComposeMismatch(`${where}, but ${host} listens on ${listener.port}`);
      links.push({ service, variable, target: host, via: 'network', value });
      return `${before}127.0.0.1:${localPort(host)}`;
    });

  const environments = Object.fromEntries(
    Object.entries(services).map(([name, service]) => {
      const environment: Record<string, string> = { ...imageEnvironment };
      for (const [variable, value] of Object.entries(service.environment ?? {})) environment[variable] = rewrite(name, variable, String(value));
      const listening = listeners[name]?.variable;
      if (listening) environment[listening] = String(localPort(name));
      return [name, environment];
    }),
  );

  return {
    environments,
    links,
    publishedUrl(hostPort) {
      const target = published.get(hostPort);
      if (target === undefined) throw new ComposeMismatch(`compose publishes no host port ${hostPort}`);
      return `http://localhost:${localPort(target)}`;
    },
  };
}

/** Whether a service listens on a port in its container, and so needs a local port of its own. */
export function listens(name: string, service: ComposeService): boolean {
  return listenerOf(name, service) !== undefined;
}

/**
 * The port a service listens on in its container: PostgreSQL's image listens on 5432; the scale-out
 * balancer (the nginx template) on `LISTEN_PORT`; the apps on `PORT`, which compose must set when it
 * publishes one or another service waits for this one's health.
 */
function listenerOf(name: string, service: ComposeService): Listener | undefined {
  if (service.image?.startsWith('postgres:')) return { port: 5432 };
  const variable = service.image?.startsWith('nginx:') ? 'LISTEN_PORT' : 'PORT';
  const value = service.environment?.[variable];
  if (value === undefined || value === null || value === '') {
    if (service.ports?.length) throw new ComposeMismatch(`${name}: publishes ${service.ports.join(', ')} but sets no ${variable}`);
    return undefined;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ComposeMismatch(`${name}: ${variable} is not a port (${String(value)})`);
  return { port, variable };
}

/** Host port → service, each published container port checked against where that service listens. */
function publishedPorts(services: Record<string, ComposeService>, listeners: Record<string, Listener>): Map<number, string> {
  const published = new Map<number, string>();
  for (const [name, service] of Object.entries(services)) {
    for (const mapping of service.ports ?? []) {
      // `[ip:]host:container`, or a bare container port published on a random host port.
      const parts = String(mapping).split(':');
      const container = Number(parts.at(-1));
      const host = parts.length > 1 ? Number(parts.at(-2)) : undefined;
      const listener = listeners[name]!;
      if (container !== listener.port) {
        throw new ComposeMismatch(`${name}: publishes container port ${container}, but ${listener.variable ?? 'it'} is ${listener.port}`);
      }
      if (host === undefined) continue;
      if (published.has(host)) throw new ComposeMismatch(`${name}: host port ${host} is published twice (also by ${published.get(host)})`);
      published.set(host, name);
    }
  }
  return published;
}
