import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, type ServiceName, startTestStack } from '@sso/stack';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALICE, DEMO_PASSWORD, login, RESOURCE_SERVICES } from './support/demo.js';
import { resumeDatabase, withFrozenDatabase } from './support/frozen-database.js';
import { call, type Reply } from './support/http.js';
import { serviceLogLines } from './support/service-log.js';

type ResourceService = (typeof RESOURCE_SERVICES)[number];

/** pino's levels. */
const WARN = 40;
const INFO = 30;

/** Generous: the pool gives up after 3 s (DATABASE_TIMEOUT_MS); before the fix, no answer after 20 s. */
const ANSWER_BOUND_MS = 10_000;

/** The reply and how long it took. */
async function timed(request: () => Promise<Reply>): Promise<{ reply: Reply; ms: number }> {
  const started = Date.now();
  const reply = await request();
  return { reply, ms: Date.now() - started };
}

// A service's database gone, either hung (SIGSTOP on every PostgreSQL process: connections are
// accepted, nothing is ever answered, as in a network partition) or stopped (connections refused),
// must cost a data route a quick 503, never a hang or a 500; routes that need no database keep
// answering, and the service recovers without a restart. One stack for both: each outage is read
// from the log lines it added.
describe('a database outage', () => {
  let stack: RunningStack;
  let token: string;
  const unexpectedExits: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({}, { onUnexpectedExit: (name, status) => unexpectedExits.push(`${name}: ${JSON.stringify(status)}`) });
    token = (await login(stack, ALICE)).access_token;
  });
  afterAll(async () => {
    if (stack) {
      await resumeDatabase(stack.pgPort).catch(() => undefined); // a frozen test that never returned
      await stack.startDatabase(); // a stopped one
    }
    await stack?.stop();
  });

  /** The request of each service that needs its database: shop's orders, helpdesk's tickets, a new forum thread. */
  function dataRoute(service: ResourceService): Promise<Reply> {
    const url = stack.urls[service];
    if (service === 'forum') return call('POST', `${url}/threads`, { token, json: { title: 'Written during an outage', body: 'Hello' } });
    return call('GET', `${url}${service === 'shop' ? '/orders' : '/tickets'}`, { token });
  }

  /** What a service answers while its database is gone, in a shape one `toEqual` can compare. */
  async function duringOutage(service: ResourceService) {
    const url = stack.urls[service];
    const data = await timed(() => dataRoute(service));
    const me = await call('GET', `${url}/me`, { token });
    const health = await call('GET', `${url}/health`);
    // A second failure, which must not be logged again.
    const again = await timed(() => dataRoute(service));
    const ready = await timed(() => call('GET', `${url}/health/ready`));
    return {
      service,
      data: { status: data.reply.status, body: data.reply.body, quick: data.ms < ANSWER_BOUND_MS },
      again: { status: again.reply.status, quick: again.ms < ANSWER_BOUND_MS },
      me: { status: me.status, service: me.body?.service, user: me.body?.user?.email },
      health: health.status,
      ready: { status: ready.reply.status, quick: ready.ms < ANSWER_BOUND_MS },
    };
  }

  const expectedDuringOutage = (service: ResourceService) => ({
    service,
    data: {
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; try again later' },
      quick: true,
    },
    again: { status: 503, quick: true },
    me: { status: 200, service, user: ALICE },
    health: 200,
    ready: { status: 503, quick: true },
  });

  /** The `Database` lines a service logged since line `mark`, once no outage is on (its end is found by a ping each second). */
  async function outageLog(service: ServiceName, mark = 0): Promise<Array<{ level: number; msg: string }>> {
    for (;;) {
      const lines = (await serviceLogLines(stack, service)).slice(mark).filter((line) => line.context === 'Database');
      if (lines.at(-1)?.level !== WARN) return lines.map(({ level, msg }) => ({ level, msg }));
      await sleep(200);
    }
  }

  /** How many lines each service has logged so far, once an earlier outage has ended: the next outage's lines are the ones after. */
  async function logMarks(): Promise<Record<ServiceName, number>> {
    const services: ServiceName[] = ['auth', ...RESOURCE_SERVICES];
    await Promise.all(services.map((name) => outageLog(name)));
    return Object.fromEntries(await Promise.all(services.map(async (name) => [name, (await serviceLogLines(stack, name)).length]))) as Record<ServiceName, number>;
  }

  /** Several requests failed, yet each service logs its outage once when it starts and once when it ends. */
  async function expectOutageLoggedOnce(services: readonly ServiceName[], marks: Record<ServiceName, number>): Promise<void> {
    const logs = Object.fromEntries(await Promise.all(services.map(async (service) => [service, await outageLog(service, marks[service])])));
    expect(logs).toEqual(
      Object.fromEntries(
        services.map((service) => [
          service,
          [
            { level: WARN, msg: expect.stringContaining('Database unavailable') },
            { level: INFO, msg: 'Database available again' },
          ],
        ]),
      ),
    );
  }

  describe('hung', () => {
    it('costs shop, helpdesk and forum 503 JSON within seconds, keeps /me and liveness up, and heals by itself', async () => {
      for (const service of RESOURCE_SERVICES) expect([service, (await dataRoute(service)).status]).toEqual([service, service === 'forum' ? 201 : 200]);
      const marks = await logMarks();

      const seen = await withFrozenDatabase(stack.pgPort, () => Promise.all(RESOURCE_SERVICES.map(duringOutage)));
      expect(seen).toEqual(RESOURCE_SERVICES.map(expectedDuringOutage));

      for (const service of RESOURCE_SERVICES) {
        expect([service, (await dataRoute(service)).status]).toEqual([service, service === 'forum' ? 201 : 200]);
        expect([service, (await call('GET', `${stack.urls[service]}/health/ready`)).status]).toEqual([service, 200]);
      }
      await expectOutageLoggedOnce(RESOURCE_SERVICES, marks);
      expect(unexpectedExits).toEqual([]);
    });

    it('costs a login at auth 503 JSON within seconds', async () => {
      await withFrozenDatabase(stack.pgPort, async () => {
        const { reply, ms } = await timed(() => call('POST', `${stack.urls.auth}/auth/login`, { json: { email: ALICE, password: DEMO_PASSWORD } }));
        expect(reply.status).toBe(503);
        expect(ms).toBeLessThan(ANSWER_BOUND_MS);
      });
      expect((await login(stack, ALICE)).access_token).toEqual(expect.any(String));
    });
  });

  describe('stopped', () => {
    it('costs every service 503 JSON within seconds, keeps /me and liveness up, and heals once it is back, data intact', async () => {
      // Something of Alice's on each service, written before the outage, to find again after it.
      const order = await call('POST', `${stack.urls.shop}/orders`, {
        token,
        json: { productId: (await call('GET', `${stack.urls.shop}/products`)).body[0].id, quantity: 2 },
      });
      const ticket = await call('POST', `${stack.urls.helpdesk}/tickets`, { token, json: { subject: 'Before the outage', body: 'Hello' } });
      const thread = await call('POST', `${stack.urls.forum}/threads`, { token, json: { title: 'Before the outage', body: 'Hello' } });
      expect([order.status, ticket.status, thread.status]).toEqual([201, 201, 201]);
      const marks = await logMarks();

      await stack.stopDatabase();
      let seen: Array<Awaited<ReturnType<typeof duringOutage>>>;
      let atAuth: Array<{ reply: Reply; ms: number }>;
      try {
        seen = await Promise.all(RESOURCE_SERVICES.map(duringOutage));
        atAuth = [
          await timed(() => call('GET', `${stack.urls.auth}/auth/me`, { token })),
          await timed(() => call('POST', `${stack.urls.auth}/auth/login`, { json: { email: ALICE, password: DEMO_PASSWORD } })),
        ];
      } finally {
        await stack.startDatabase();
      }
      expect(seen).toEqual(RESOURCE_SERVICES.map(expectedDuringOutage));
      expect(atAuth.map(({ reply, ms }) => ({ status: reply.status, statusCode: reply.body?.statusCode, quick: ms < ANSWER_BOUND_MS }))).toEqual([
        { status: 503, statusCode: 503, quick: true },
        { status: 503, statusCode: 503, quick: true },
      ]);

      // Back without a restart: the same processes serve data again, and what was written before is still there.
      const orders = await call('GET', `${stack.urls.shop}/orders`, { token });
      const tickets = await call('GET', `${stack.urls.helpdesk}/tickets`, { token });
      const threads = await call('GET', `${stack.urls.forum}/threads`, { token });
      expect([orders.status, tickets.status, threads.status]).toEqual([200, 200, 200]);
      expect(orders.body).toContainEqual(expect.objectContaining({ id: order.body.id, quantity: 2 }));
      expect(tickets.body).toContainEqual(expect.objectContaining({ id: ticket.body.id, subject: 'Before the outage' }));
      expect(threads.body).toContainEqual(expect.objectContaining({ id: thread.body.id, title: 'Before the outage' }));
      expect((await dataRoute('forum')).status).toBe(201);
      for (const service of RESOURCE_SERVICES) {
        expect([service, (await call('GET', `${stack.urls[service]}/health/ready`)).status]).toEqual([service, 200]);
      }
      expect((await login(stack, ALICE)).access_token).toEqual(expect.any(String));
      await expectOutageLoggedOnce(['auth', ...RESOURCE_SERVICES], marks);
      expect(unexpectedExits).toEqual([]);
    });
  });
});
