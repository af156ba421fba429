import { SESSION_COOKIE } from '@sso/guard';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, freePort, launchService, type RunningStack, type ServiceProcess, startTestStack } from '@sso/stack';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

/** The repository this package sits in (`packages/bench/dist/` is three levels down). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const execFileAsync = promisify(execFile);

/**
 * How a deployment runs: production, JSON log lines at `info` (to a file, as a container's stdout
 * would be collected). `BENCH_BASELINE_ROUTE=1` adds the public baseline route (see
 * `withBenchBaseline` in @sso/bootstrap). Shared-store sessions so that `GET /session/me` answers:
 * a Bearer request never reads the session store, so the token cases are unaffected by it.
 */
const PRODUCTION_SETTINGS = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'json',
  SESSION_MODE: 'shared-store',
  BENCH_BASELINE_ROUTE: '1',
};

/** A service process the bench started or the stack started for it, whose memory it reads. */
export interface BenchProcess {
  label: string;
  pid: () => number | undefined;
}

/** Where each case is sent, and the credentials it sends. */
export interface BenchStack {
  /** shop as the stack runs it: the verified-token cache on (its default). */
  shop: string;
  /** A second shop process, the same but with `VERIFIED_TOKEN_CACHE=0`: every request verifies. */
  shopUncached: string;
  /**
   * A third shop process with `TOKEN_VALIDATION=introspection` (it asks auth about every token), or
   * why there is none: the case is then left out, and the report says so.
   */
  shopIntrospection: { url: string } | { unavailable: string };
  /**
   * The other resource services, as the stack runs them: no case measures them, but each is driven
   * with `GET /me` before memory is read at the end, so that every service's "after load" is one.
   */
  otherResourceServices: { label: string; url: string }[];
  accessToken: string;
  sessionCookie: string;
  processes: BenchProcess[];
  stop(): Promise<void>;
}

/** Starts the stack on free ports, a second shop without the cache, and logs in once by token and once by session. */
export async function startBenchStack(): Promise<BenchStack> {
  const stack = await startTestStack(PRODUCTION_SETTINGS);
  const extras: ServiceProcess[] = [];
  try {
    const uncached = await startExtraShop(stack, 'shop-uncached', { VERIFIED_TOKEN_CACHE: '0' });
    extras.push(uncached.process);
    const [email] = DEMO_ACCOUNTS[0];
    const accessToken = await tokenLogin(stack, email);
    const introspecting = await startIntrospectingShop(stack, accessToken);
    if ('process' in introspecting) extras.push(introspecting.process);
    return {
      shop: stack.urls.shop,
      shopUncached: uncached.url,
      shopIntrospection: 'process' in introspecting ? { url: introspecting.url } : introspecting,
      otherResourceServices: [
        { label: 'helpdesk', url: stack.urls.helpdesk },
        { label: 'forum', url: stack.urls.forum },
      ],
      accessToken,
      sessionCookie: await sessionLogin(stack, email),
      processes: [
        ...(['auth', 'shop', 'helpdesk', 'forum'] as const).map((name) => ({ label: name, pid: () => stack.pid(name) })),
        { label: 'shop (cache off)', pid: () => uncached.process.pid },
        ...('process' in introspecting ? [{ label: 'shop (introspection)', pid: () => introspecting.process.pid }] : []),
      ],
      async stop() {
        await Promise.all(extras.map((extra) => extra.stop()));
        await stack.stop();
      },
    };
  } catch (error) {
    await Promise.all(extras.map((extra) => extra.stop()));
    await stack.stop();
    throw error;
  }
}

/**
 * One more shop process beside the stack's, on the same database, with the stack's settings plus
 * `overrides`: a case whose setting differs runs in its own process, so the others are measured
 * as configured. Its log goes next to the stack's.
 */
async function startExtraShop(stack: RunningStack, logName: string, overrides: Record<string, string>): Promise<{ url: string; process: ServiceProcess }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const service = await launchService({
    name: 'shop',
    entry: join(REPO_ROOT, 'apps', 'shop', 'dist', 'main.js'),
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...PRODUCTION_SETTINGS,
      AUTH_URL: stack.urls.auth,
      AUTH_ISSUER: stack.urls.auth,
      AUTH_DATABASE_URL: stack.sessionReaderUrl,
      ALLOWED_ORIGINS: stack.urls.auth,
      DATABASE_URL: stack.databaseUrls.shop,
      PORT: String(port),
      ...overrides,
    },
    url,
    logFile: join(dirname(stack.logFile('shop')!), `${logName}.log`),
  });
  return { url, process: service };
}

/** The OAuth client the introspecting shop authenticates as at `POST /oauth/introspect`. */
const INTROSPECTION_CLIENT = 'bench-introspection';

/**
 * A shop that asks auth about every token (RFC 7662), registered as a client with
 * `clients.js ensure`. It counts only if it really asks: a build whose guard does not know
 * `TOKEN_VALIDATION` would ignore the setting and verify locally, so the bench checks that a
 * `GET /me` to it made auth log a `POST /oauth/introspect`. Anything missing leaves the case out.
 */
async function startIntrospectingShop(stack: RunningStack, accessToken: string): Promise<{ url: string; process: ServiceProcess } | { unavailable: string }> {
  const secret = randomBytes(32).toString('base64url');
  const ensured = await ensureClient(stack, secret);
  if (ensured !== true) return { unavailable: ensured };
  let started: { url: string; process: ServiceProcess };
  try {
    started = await startExtraShop(stack, 'shop-introspection', {
      TOKEN_VALIDATION: 'introspection',
      INTROSPECTION_CLIENT_ID: INTROSPECTION_CLIENT,
      INTROSPECTION_CLIENT_SECRET: secret,
    });
  } catch (error) {
    return { unavailable: `a shop with TOKEN_VALIDATION=introspection did not start: ${firstLine(error)}` };
  }
  const asked = await introspectionRequests(stack);
  const reply = await fetch(`${started.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  await reply.arrayBuffer();
  await setTimeout(500); // auth writes its log lines asynchronously
  if (reply.status === 200 && (await introspectionRequests(stack)) > asked) return started;
  await started.process.stop();
  return {
    unavailable:
      reply.status === 200
        ? 'the guard in this build verifies tokens locally whatever TOKEN_VALIDATION says'
        : `GET /me on the introspecting shop answered ${reply.status}`,
  };
}

/** Registers the introspecting client in auth's database; true, or why it could not. */
async function ensureClient(stack: RunningStack, secret: string): Promise<true | string> {
  const cli = join(REPO_ROOT, 'apps', 'auth', 'dist', 'cli', 'clients.js');
  const args = ['ensure', '--client-id', INTROSPECTION_CLIENT, '--name', INTROSPECTION_CLIENT, '--scope', 'introspect', '--audience', 'shop'];
  try {
    await execFileAsync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: stack.databaseUrls.auth, CLIENT_SECRET: secret } });
    return true;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return `auth's clients.js ensure failed: ${stderr ? stderr.split('\n')[0] : firstLine(error)}`;
  }
}

/** How many `POST /oauth/introspect` auth has logged so far. */
async function introspectionRequests(stack: RunningStack): Promise<number> {
  const log = await readFile(stack.logFile('auth')!, 'utf8');
  return log.split('\n').filter((line) => line.includes('"url":"/oauth/introspect"')).length;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

async function tokenLogin(stack: RunningStack, email: string): Promise<string> {
  const reply = await postJson(`${stack.urls.auth}/auth/login`, { email, password: DEMO_PASSWORD });
  const { access_token: accessToken } = (await reply.json()) as { access_token: string };
  return accessToken;
}

/** The `name=value` pair of auth's session cookie, as a browser sends it back. */
async function sessionLogin(stack: RunningStack, email: string): Promise<string> {
  const reply = await postJson(`${stack.urls.auth}/auth/session/login`, { email, password: DEMO_PASSWORD });
  await reply.arrayBuffer();
  const pair = reply.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((each) => each.startsWith(`${SESSION_COOKIE}=`));
  if (!pair) throw new Error(`POST /auth/session/login set no ${SESSION_COOKIE} cookie`);
  return pair;
}

async function postJson(url: string, body: unknown): Promise<Response> {
  const reply = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (reply.status !== 200) throw new Error(`POST ${url} answered ${reply.status}: ${await reply.text()}`);
  return reply;
}
