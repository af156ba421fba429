import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALICE, DEMO_PASSWORD, login } from './support/demo.js';
import { resumeDatabase, withFrozenDatabase } from './support/frozen-database.js';
import { call, type Reply } from './support/http.js';
import { serviceLogLines } from './support/service-log.js';

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

// A hung database (SIGSTOP on every PostgreSQL process: connections are accepted, nothing is ever
// answered, as in a network partition) must cost a data route a quick 503, never a hang or a 500;
// routes that need no database keep answering, and the service recovers without a restart.
describe('a hung database', () => {
  let stack: RunningStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack();
    token = (await login(stack, ALICE)).access_token;
  });
  afterAll(async () => {
    if (stack) await resumeDatabase(stack.pgPort);
    await stack?.stop();
  });

  /** The `Database` lines of a service's log, once the outage has ended (the end is found by a ping each second). */
  async function outageLog(service: 'shop'): Promise<Array<{ level: number; msg: string }>> {
    for (;;) {
      const lines = (await serviceLogLines(stack, service)).filter((line) => line.context === 'Database');
      if (lines.at(-1)?.level !== WARN) return lines.map(({ level, msg }) => ({ level, msg }));
      await sleep(200);
    }
  }

  it('costs shop 503 JSON within seconds, keeps /me and liveness up, and heals by itself', async () => {
    const orders = () => call('GET', `${stack.urls.shop}/orders`, { token });
    expect((await orders()).status).toBe(200);

    await withFrozenDatabase(stack.pgPort, async () => {
      const { reply, ms } = await timed(orders);
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ statusCode: 503 });
      expect(ms).toBeLessThan(ANSWER_BOUND_MS);

      expect((await call('GET', `${stack.urls.shop}/me`, { token })).status).toBe(200);
      expect((await call('GET', `${stack.urls.shop}/health`)).status).toBe(200);
      expect((await orders()).status).toBe(503);
      const ready = await timed(() => call('GET', `${stack.urls.shop}/health/ready`));
      expect(ready.reply.status).toBe(503);
      expect(ready.ms).toBeLessThan(ANSWER_BOUND_MS);
    });

    expect((await orders()).status).toBe(200);
    expect((await call('GET', `${stack.urls.shop}/health/ready`)).status).toBe(200);
    // Several requests failed, yet the outage is logged once when it starts and once when it ends.
    expect(await outageLog('shop')).toEqual([
      { level: WARN, msg: expect.stringContaining('Database unavailable') },
      { level: INFO, msg: 'Database available again' },
    ]);
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
