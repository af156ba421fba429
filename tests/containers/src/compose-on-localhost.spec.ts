import { beforeAll, describe, expect, it } from '@jest/globals';
import { activeServices, readComposeDocument, resolveServices, type ComposeDocument, type ComposeService } from './compose-file.js';
import { planLocalRun, type LocalPlan } from './compose-on-localhost.js';
import { wiringProblems } from './compose-wiring.js';

// planLocalRun must carry compose's mistakes over to the local run, never repair them: each case
// below breaks a copy of the real docker-compose.yml the way a hand edit could, and the plan
// either refuses it (the parity test then fails in its set-up) or leaves the mistake where the
// wiring check, and the walkthrough, see it.
const variables = {
  POSTGRES_PASSWORD: 'postgres',
  AUTH_DATABASE_PASSWORD: 'a1',
  SHOP_DATABASE_PASSWORD: 's1',
  HELPDESK_DATABASE_PASSWORD: 'h1',
  FORUM_DATABASE_PASSWORD: 'f1',
  SIGNING_KEY_ENCRYPTION_KEY: 'k'.repeat(64),
  HELPDESK_CLIENT_SECRET: 'c'.repeat(43),
};
const localPorts = {
  postgres: 40_000,
  auth: 40_001,
  shop: 40_002,
  helpdesk: 40_003,
  forum: 40_004,
  'shop-replica-a': 40_005,
  'shop-replica-b': 40_006,
  'shop-load-balancer': 40_007,
};

let document: ComposeDocument;
beforeAll(async () => {
  document = await readComposeDocument();
});

function servicesOf(change: (services: Record<string, ComposeService>) => void = () => undefined, profiles: string[] = []): Record<string, ComposeService> {
  const copy = structuredClone(document);
  change(copy.services);
  return resolveServices(activeServices(copy, profiles), variables);
}

const plan = (services: Record<string, ComposeService>): LocalPlan => planLocalRun(services, localPorts, { NODE_ENV: 'production' });
const environment = (services: Record<string, ComposeService>, service: string) => services[service]!.environment!;

describe('planLocalRun on docker-compose.yml as committed', () => {
  it('moves every address to the local port of the service it names, keeping the rest of the environment', () => {
    const services = servicesOf();
    const { environments, publishedUrl } = plan(services);
    expect(environments.shop).toEqual({
      ...environment(services, 'shop'),
      NODE_ENV: 'production',
      PORT: '40002',
      AUTH_URL: 'http://127.0.0.1:40001',
      AUTH_ISSUER: 'http://localhost:40001',
      DATABASE_URL: 'postgresql://shop:s1@127.0.0.1:40000/shop',
    });
    expect(environments.auth).toMatchObject({ PORT: '40001', ISSUER: 'http://localhost:40001' });
    expect(environments['database-setup']!.SERVICE_DATABASE_URLS).toContain('postgresql://forum:f1@127.0.0.1:40000/forum');
    expect([3000, 3001, 3002, 3003].map(publishedUrl)).toEqual(['auth', 'shop', 'helpdesk', 'forum'].map((name) => `http://localhost:${localPorts[name as 'auth']}`));
  });

  it('finds the wiring compose promises, default and scale-out profiles alike', () => {
    for (const profiles of [[], ['scale-out']]) {
      const services = servicesOf(undefined, profiles);
      expect(wiringProblems(services, plan(services).links)).toEqual([]);
    }
  });

  it("gives each shop replica its own port and points the balancer's template variables at them", () => {
    const { environments } = plan(servicesOf(undefined, ['scale-out']));
    expect(environments['shop-replica-a']!.PORT).toBe('40005');
    expect(environments['shop-replica-b']!.PORT).toBe('40006');
    expect(environments['shop-load-balancer']).toMatchObject({ SHOP_REPLICA_A: '127.0.0.1:40005', SHOP_REPLICA_B: '127.0.0.1:40006', LISTEN_PORT: '40007' });
  });
});

describe('planLocalRun and the wiring check on a broken copy of docker-compose.yml', () => {
  it.each([
    ['a PORT other than the container port compose publishes', (services: Record<string, ComposeService>) => (services.shop!.environment!.PORT = 3005), /^shop: publishes container port 3001, but PORT is 3005$/],
    ['a published container port nothing listens on', (services: Record<string, ComposeService>) => (services.helpdesk!.ports = ['3002:3012']), /^helpdesk: publishes container port 3012, but PORT is 3002$/],
    ['AUTH_URL on a port auth does not listen on', (services: Record<string, ComposeService>) => (services.forum!.environment!.AUTH_URL = 'http://auth:3001'), /^forum: AUTH_URL names auth:3001, but auth listens on 3000$/],
    ['AUTH_URL on localhost, which in a container is the container itself', (services: Record<string, ComposeService>) => (services.shop!.environment!.AUTH_URL = 'http://localhost:3000'), /^shop: AUTH_URL names localhost:3000, but inside a container localhost is the container itself/],
    ['an issuer on a port compose does not publish', (services: Record<string, ComposeService>) => (services.auth!.environment!.ISSUER = 'http://localhost:3009'), /^auth: ISSUER names localhost:3009, but compose publishes no host port 3009$/],
    ['a DATABASE_URL on the wrong PostgreSQL port', (services: Record<string, ComposeService>) => (services.shop!.environment!.DATABASE_URL = 'postgresql://shop:${SHOP_DATABASE_PASSWORD}@postgres:5433/shop'), /^shop: DATABASE_URL names postgres:5433, but postgres listens on 5432$/],
  ])('refuses %s', (_case, change, message) => {
    expect(() => plan(servicesOf(change))).toThrow(message);
  });

  it('no longer finds auth at published port 3000 when compose publishes it elsewhere', () => {
    const services = servicesOf((all) => {
      all.auth!.ports = ['3010:3000'];
      all.auth!.environment!.ISSUER = 'http://localhost:3010';
      for (const name of ['shop', 'helpdesk', 'forum']) all[name]!.environment!.AUTH_ISSUER = 'http://localhost:3010';
    });
    expect(wiringProblems(services, plan(services).links)).toEqual([]);
    expect(() => plan(services).publishedUrl(3000)).toThrow(/^compose publishes no host port 3000$/);
  });

  it.each([
    ['an issuer the resource services do not require', (services: Record<string, ComposeService>) => (services.shop!.environment!.AUTH_ISSUER = 'http://localhost:3001'), "shop: AUTH_ISSUER is http://localhost:3001, but auth's ISSUER is http://localhost:3000"],
    ['AUTH_URL at another service', (services: Record<string, ComposeService>) => (services.helpdesk!.environment!.AUTH_URL = 'http://forum:3003'), "helpdesk: AUTH_URL must reach auth over compose's network, but reaches forum (network)"],
    ['a misspelt variable', (services: Record<string, ComposeService>) => {
      const { AUTH_URL, ...rest } = services.forum!.environment!;
      services.forum!.environment = { ...rest, AUTH_URI: AUTH_URL! };
    }, 'forum: AUTH_URL is not set'],
    ["another service's database", (services: Record<string, ComposeService>) => (services.shop!.environment!.DATABASE_URL = 'postgresql://forum:${FORUM_DATABASE_PASSWORD}@postgres:5432/forum'), 'shop: DATABASE_URL names database forum, not shop'],
    ['a role password database-setup does not set', (services: Record<string, ComposeService>) => (services.forum!.environment!.DATABASE_URL = 'postgresql://forum:${SHOP_DATABASE_PASSWORD}@postgres:5432/forum'), 'forum: DATABASE_URL is not one that database-setup provisions (role, password and database must match)'],
    ['an issuer reached over the network instead of the published port', (services: Record<string, ComposeService>) => {
      services.auth!.environment!.ISSUER = 'http://auth:3000';
      for (const name of ['shop', 'helpdesk', 'forum']) services[name]!.environment!.AUTH_ISSUER = 'http://auth:3000';
    }, "auth: ISSUER must reach auth through the port compose publishes (the URL a host's client uses), but reaches auth (network)"],
    ["a client secret helpdesk-client does not register", (services: Record<string, ComposeService>) => (services['helpdesk-client']!.environment!.CLIENT_SECRET = 'another-secret-of-at-least-32-characters'), "helpdesk-client: CLIENT_SECRET is not helpdesk's HELPDESK_CLIENT_SECRET"],
    ['helpdesk starting before its client exists', (services: Record<string, ComposeService>) => delete services.helpdesk!.depends_on!['helpdesk-client'], 'helpdesk: must wait for helpdesk-client to complete successfully'],
    ['a client registered in the wrong database', (services: Record<string, ComposeService>) => (services['helpdesk-client']!.environment!.DATABASE_URL = 'postgresql://shop:${SHOP_DATABASE_PASSWORD}@postgres:5432/shop'), "helpdesk-client: DATABASE_URL is not auth's"],
  ])('reports %s', (_case, change, problem) => {
    const services = servicesOf(change);
    expect(wiringProblems(services, plan(services).links)).toContain(problem);
  });
});
