// The wiring compose's comments promise, checked on the addresses planLocalRun followed: each
// resource service fetches keys from auth and requires the issuer auth signs with, auth's issuer
// is the URL its published port gives the host, each service logs in to its own database with
// exactly the URL database-setup provisioned, and helpdesk calls shop with a client registered
// before it starts. A slip in one of these
// still lets every container start; it shows only when a token is refused or a query fails.
import type { ComposeService } from './compose-file.js';
import type { Link } from './compose-on-localhost.js';

const RESOURCE_APPS = ['shop', 'helpdesk', 'forum'];

/** The app a service runs (the Dockerfile's `APP` build argument), if it is built from this repository. */
export function appOf(service: ComposeService): string | undefined {
  return service.build?.args?.APP;
}

/** One line per broken promise, naming the service and the variable; empty when all hold. */
export function wiringProblems(services: Record<string, ComposeService>, links: Link[]): string[] {
  const problems: string[] = [];
  const linkOf = (service: string, variable: string) => links.filter((link) => link.service === service && link.variable === variable);
  const servicesOf = (app: string) => Object.keys(services).filter((name) => appOf(services[name]!) === app && services[name]!.environment?.PORT);
  const [auth] = servicesOf('auth');
  const issuer = auth === undefined ? undefined : services[auth]!.environment?.ISSUER;
  const provisioned = Object.values(services).flatMap((service) =>
    String(service.environment?.SERVICE_DATABASE_URLS ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
  );

  /** `variable` of `service` must reach one of `targets` over `via`. */
  const mustReach = (service: string, variable: string, targets: string[], via: Link['via'], what: string) => {
    const found = linkOf(service, variable);
    if (services[service]!.environment?.[variable] === undefined) problems.push(`${service}: ${variable} is not set`);
    else if (found.length !== 1 || !targets.includes(found[0]!.target) || found[0]!.via !== via) {
      problems.push(`${service}: ${variable} must reach ${what}, but reaches ${found.map((link) => `${link.target} (${link.via})`).join(', ') || 'no service'}`);
    }
  };

  if (auth === undefined) problems.push('no service runs auth with a PORT');
  else mustReach(auth, 'ISSUER', [auth], 'published', `${auth} through the port compose publishes (the URL a host's client uses)`);

  for (const [name, service] of Object.entries(services)) {
    const app = appOf(service);
    const environment = service.environment ?? {};
    if (app === undefined || !environment.PORT) continue;
    if (RESOURCE_APPS.includes(app)) {
      mustReach(name, 'AUTH_URL', auth === undefined ? [] : [auth], 'network', `auth over compose's network`);
      if (environment.AUTH_ISSUER !== issuer) problems.push(`${name}: AUTH_ISSUER is ${environment.AUTH_ISSUER ?? 'not set'}, but auth's ISSUER is ${issuer}`);
    }
    const database = environment.DATABASE_URL;
    if (database === undefined) problems.push(`${name}: DATABASE_URL is not set`);
    else {
      const postgres = Object.keys(services).filter((other) => services[other]!.image?.startsWith('postgres:'));
      mustReach(name, 'DATABASE_URL', postgres, 'network', 'PostgreSQL');
      if (new URL(String(database)).pathname !== `/${app}`) problems.push(`${name}: DATABASE_URL names database ${new URL(String(database)).pathname.slice(1)}, not ${app}`);
      if (!provisioned.includes(String(database))) problems.push(`${name}: DATABASE_URL is not one that database-setup provisions (role, password and database must match)`);
    }
    if (environment.SHOP_URL !== undefined) mustReach(name, 'SHOP_URL', servicesOf('shop'), 'network', "shop over compose's network");
    if (environment.HELPDESK_CLIENT_ID !== undefined) problems.push(...clientProblems(name, services, auth));
  }
  return problems;
}

/** The option's value in a command (`--client-id helpdesk`). */
function option(command: string[] = [], name: string): string | undefined {
  const index = command.indexOf(name);
  return index === -1 ? undefined : command[index + 1];
}

/**
 * helpdesk's client at auth: a one-shot runs `clients.js ensure` for the id helpdesk presents, with
 * the secret helpdesk presents, against auth's database, granting what helpdesk's calls to shop
 * need; and helpdesk starts only once it has succeeded.
 */
function clientProblems(name: string, services: Record<string, ComposeService>, auth: string | undefined): string[] {
  const environment = services[name]!.environment!;
  const clientId = String(environment.HELPDESK_CLIENT_ID);
  const found = Object.entries(services).find(([, service]) => service.command?.includes('ensure') && option(service.command, '--client-id') === clientId);
  if (!found) return [`${name}: no one-shot runs \`clients.js ensure --client-id ${clientId}\``];
  const [registrar, { command, environment: registration = {} }] = found;
  const problems = [];
  if (registration.CLIENT_SECRET !== environment.HELPDESK_CLIENT_SECRET) problems.push(`${registrar}: CLIENT_SECRET is not ${name}'s HELPDESK_CLIENT_SECRET`);
  if (auth === undefined || registration.DATABASE_URL !== services[auth]!.environment?.DATABASE_URL) problems.push(`${registrar}: DATABASE_URL is not auth's`);
  if (option(command, '--scope') !== 'orders:read' || option(command, '--audience') !== 'shop') problems.push(`${registrar}: must grant scope orders:read for audience shop`);
  if (services[name]!.depends_on?.[registrar]?.condition !== 'service_completed_successfully') problems.push(`${name}: must wait for ${registrar} to complete successfully`);
  return problems;
}
