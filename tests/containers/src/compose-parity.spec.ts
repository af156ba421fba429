import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activeServices, readComposeDocument, resolveServices, type ComposeService } from './compose-file.js';
import { EMBEDDED_ADMIN, startComposeLocally, type LocalCompose } from './compose-locally.js';
import { wiringProblems } from './compose-wiring.js';
import { generatedEnv } from './generated-env.js';
import { call, logIn, promotedToAdmin } from './walkthrough-calls.js';

// docker-compose.yml run as it is written, without a Docker engine: every service of the default
// profile as a local process with exactly the environment compose declares (addresses moved to
// this machine, see compose-on-localhost.ts), brought up in its depends_on order, and the README
// walkthrough against the ports compose publishes (3000 to 3003, as the contract says).
describe('docker-compose.yml, every service run as a local process with the environment compose gives it', () => {
  let dir: string;
  let services: Record<string, ComposeService>;
  let compose: LocalCompose;
  const published = (port: number) => compose.plan.publishedUrl(port);
  let token: string;
  /** What a user sets in `.env` (.env.example's optional METRICS_TOKEN) so that Prometheus in another container may scrape. */
  const metricsToken = 'f'.repeat(64);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sso-compose-parity-'));
    // The user's `.env` as .env.example asks, with the one obvious switch for demo data, and the
    // administrator's password of the PostgreSQL that stands in for the postgres image.
    const variables = { ...(await generatedEnv()), POSTGRES_PASSWORD: EMBEDDED_ADMIN.password, SEED_DEMO_DATA: 'true', METRICS_TOKEN: metricsToken };
    services = resolveServices(activeServices(await readComposeDocument()), variables);
    compose = await startComposeLocally(services, Object.keys(services), dir);
    token = await logIn(published(3000));
  }, 120_000);

  afterAll(async () => {
    await compose?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('wires every service to auth, to one issuer and to the database database-setup made for it', () => {
    expect(wiringProblems(services, compose.plan.links)).toEqual([]);
  });

  it('accepts the one token on /me of shop, helpdesk and forum, at the ports compose publishes', async () => {
    for (const [port, service] of [[3001, 'shop'], [3002, 'helpdesk'], [3003, 'forum']] as const) {
      const answer = await call(`${published(port)}/me`, { token });
      expect({ port, status: answer.status }).toEqual({ port, status: 200 });
      expect(answer.body).toMatchObject({ service, user: { email: 'alice@example.com', roles: ['customer'] } });
    }
  });

  it("hands METRICS_TOKEN from .env to every service: /metrics answers its bearer, and 401 without it", async () => {
    for (const port of [3000, 3001, 3002, 3003]) {
      const scraped = await call(`${published(port)}/metrics`, { token: metricsToken });
      expect({ port, status: scraped.status }).toEqual({ port, status: 200 });
      expect(scraped.body).toContain('http_request_duration_seconds');
      expect({ port, status: (await call(`${published(port)}/metrics`)).status }).toEqual({ port, status: 401 });
    }
  });

  it('orders on shop, opens a ticket on helpdesk and starts a thread on forum with it', async () => {
    const products = await call(`${published(3001)}/products`);
    expect(products.body.length).toBeGreaterThan(0);
    const order = await call(`${published(3001)}/orders`, { method: 'POST', token, json: { productId: products.body[0].id, quantity: 2 } });
    expect(order).toMatchObject({ status: 201, body: { quantity: 2 } });
    const ticket = await call(`${published(3002)}/tickets`, { method: 'POST', token, json: { subject: 'Where is my mug?', body: 'Ordered it a minute ago.' } });
    expect(ticket).toMatchObject({ status: 201, body: { subject: 'Where is my mug?' } });
    const thread = await call(`${published(3003)}/threads`, { method: 'POST', token, json: { title: 'Hello', body: 'Logged in once, posting here.' } });
    expect(thread).toMatchObject({ status: 201, body: { title: 'Hello' } });
  });

  it("registers helpdesk's client before helpdesk starts: an agent sees the ticket's customer's orders, read from shop", async () => {
    const products = await call(`${published(3001)}/products`);
    const order = await call(`${published(3001)}/orders`, { method: 'POST', token, json: { productId: products.body[0].id, quantity: 1 } });
    const ticket = await call(`${published(3002)}/tickets`, { method: 'POST', token, json: { subject: 'My order', body: 'Has it shipped?' } });
    const agent = await logIn(published(3000), 'bob@example.com');
    const seen = await call(`${published(3002)}/tickets/${ticket.body.id}`, { token: agent });
    expect(seen.status).toBe(200);
    expect(seen.body.customerOrders).toMatchObject({ available: true, orders: expect.arrayContaining([expect.objectContaining({ id: order.body.id })]) });
  });

  it('refuses the token promoted to admin by hand, on every service', async () => {
    const forged = promotedToAdmin(token);
    for (const port of [3001, 3002, 3003]) {
      const answer = await call(`${published(port)}/me`, { token: forged });
      expect({ port, status: answer.status }).toEqual({ port, status: 401 });
      expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  it("keeps auth's signing key through `docker compose down && up`: a token from before is still accepted", async () => {
    const kids = async () => ((await call(`${published(3000)}/.well-known/jwks.json`)).body.keys as Array<{ kid: string }>).map((key) => key.kid).sort();
    const before = await kids();
    await compose.stop();
    compose = await startComposeLocally(services, Object.keys(services), dir, { ports: compose.ports });
    expect(await kids()).toEqual(before);
    expect((await call(`${published(3001)}/me`, { token })).status).toBe(200);
  }, 120_000);

  it('answers readiness on every service: each reaches its own database as its own role', async () => {
    for (const port of [3000, 3001, 3002, 3003]) {
      expect({ port, status: (await call(`${published(port)}/health/ready`)).status }).toEqual({ port, status: 200 });
    }
  });
});
