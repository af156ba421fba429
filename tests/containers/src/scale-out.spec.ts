import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activeServices, readComposeDocument, resolveServices } from './compose-file.js';
import { EMBEDDED_ADMIN, startComposeLocally, type LocalCompose } from './compose-locally.js';
import { runningInCi } from './compose-tool.js';
import { generatedEnv } from './generated-env.js';
import { nginxAvailable } from './nginx-load-balancer.js';
import { call, logIn, logInWithSession, type Answer } from './walkthrough-calls.js';

// The scale-out profile for real: `docker compose --profile scale-out up` as local processes, its
// nginx being Debian's, rendered from the template the profile mounts, in front of the two shop
// replicas compose declares (each with the environment compose gives it), auth and PostgreSQL
// behind them. Each answer names its replica: the template's `X-Served-By` ($upstream_addr).
const REPLICAS = ['shop-replica-a', 'shop-replica-b'];
const available = nginxAvailable();

describe('the scale-out profile: two shop replicas behind nginx round robin', () => {
  let dir: string;
  let compose: LocalCompose;
  let balancer: string;
  let token: string;
  /** The replica that answered, from the address in X-Served-By (the last one, after a retry). */
  const servedBy = (answer: Answer) => {
    const address = answer.headers.get('x-served-by')?.split(',').at(-1)?.trim();
    return REPLICAS.find((replica) => compose.url(replica) === `http://${address}`) ?? `unknown (${address})`;
  };

  beforeAll(async () => {
    if (!available) return;
    dir = await mkdtemp(join(tmpdir(), 'sso-scale-out-'));
    const variables = { ...(await generatedEnv()), POSTGRES_PASSWORD: EMBEDDED_ADMIN.password, SEED_DEMO_DATA: 'true' };
    const services = resolveServices(activeServices(await readComposeDocument(), ['scale-out']), variables);
    compose = await startComposeLocally(services, ['shop-load-balancer'], dir);
    balancer = compose.plan.publishedUrl(8080);
    token = await logIn(compose.plan.publishedUrl(3000));
  }, 120_000);

  afterAll(async () => {
    await compose?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Not a skip: CI installs nginx (.ci/run) and must run these; elsewhere the output says so. */
  const withNginx = (name: string, test: () => Promise<void>) =>
    it(name, async () => {
      if (!available) {
        expect(runningInCi).toBe(false);
        console.log(`nginx is not installed: "${name}" did NOT run (CI installs it, see .ci/run).`);
        return;
      }
      await test();
    });

  withNginx('sends requests to each replica in turn, and both accept the one token', async () => {
    const answers: Answer[] = [];
    for (let request = 0; request < 6; request += 1) answers.push(await call(`${balancer}/me`, { token }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.body.user.email))).toEqual(new Set(['alice@example.com']));
    const replicas = answers.map(servedBy);
    expect(new Set(replicas)).toEqual(new Set(REPLICAS));
    replicas.slice(1).forEach((replica, index) => expect(replica).not.toBe(replicas[index]));
  });

  withNginx("refuses auth's per-server session on both replicas, while auth, where it was made, knows it", async () => {
    const authUrl = compose.plan.publishedUrl(3000);
    const cookie = await logInWithSession(authUrl);
    expect((await call(`${authUrl}/auth/session/me`, { cookie })).status).toBe(200);
    const answers = [await call(`${balancer}/session/me`, { cookie }), await call(`${balancer}/session/me`, { cookie })];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
    expect(new Set(answers.map(servedBy))).toEqual(new Set(REPLICAS));
  });

  withNginx('refuses /metrics at the entry point itself, in any case, before any replica sees it', async () => {
    for (const path of ['/metrics', '/METRICS', '/metrics/']) {
      const answer = await call(`${balancer}${path}`);
      // No X-Served-By: nginx answered alone (a replica would refuse a proxied scrape too, with 403).
      expect({ path, status: answer.status, servedBy: answer.headers.get('x-served-by') }).toEqual({ path, status: 403, servedBy: null });
    }
  });

  withNginx('keeps answering token holders, with no failed request, while one replica is stopped', async () => {
    const answers: Array<{ path: string; status: number; replica: string; afterStop: boolean }> = [];
    let stopped = false;
    let done = false;
    // Four clients, each one request after another: a read that needs only the token, and one from the database.
    const client = async (path: string) => {
      while (!done) {
        const answer = await call(`${balancer}${path}`, { token });
        answers.push({ path, status: answer.status, replica: servedBy(answer), afterStop: stopped });
      }
    };
    const clients = ['/me', '/orders', '/me', '/orders'].map(client);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await compose.stopService('shop-replica-a');
    stopped = true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    done = true;
    await Promise.all(clients);

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(answers.filter((answer) => !answer.afterStop).map((answer) => answer.replica))).toEqual(new Set(REPLICAS));
    const afterStop = answers.filter((answer) => answer.afterStop);
    expect(afterStop.length).toBeGreaterThan(0);
    expect(new Set(afterStop.map((answer) => answer.replica))).toEqual(new Set(['shop-replica-b']));
  });
});
