import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { eventually, FAKE_CLIENTS_CALLS, makeFakeRepo, processesMentioning } from './fake-apps.test-support.js';
import { databaseUrl } from './database-server.js';
import { freePorts, isPortFree } from './free-port.js';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';
import type { ExitStatus } from './service-process.js';
import { startStack, type RunningStack } from './stack.js';
import { startTestStack } from './test-stack.js';

describe('startTestStack, with fake apps', () => {
  let repoRoot: string;
  let stack: RunningStack;
  const unexpectedExits: [ServiceName, ExitStatus][] = [];

  beforeAll(async () => {
    repoRoot = await makeFakeRepo();
    stack = await startTestStack({ EXTRA_SETTING: 'passed through' }, {
      repoRoot,
      onUnexpectedExit: (name, status) => unexpectedExits.push([name, status]),
      postgresSettings: { shared_preload_libraries: 'pg_stat_statements', work_mem: '12MB' },
      serviceEnv: { shop: { SHOP_ONLY_SETTING: 'for shop' } },
    });
  }, 30_000);
  afterAll(async () => {
    await stack?.stop();
    await rm(repoRoot, { recursive: true, force: true });
  });

  it('starts every service healthy, on its own port', async () => {
    for (const name of SERVICE_NAMES) {
      expect(await health(name)).toMatchObject({ status: 'ok', service: name });
    }
  });

  it('tells each service its port, its own database credentials, and where auth is', async () => {
    const authUrl = stack.urls.auth;
    for (const name of SERVICE_NAMES) {
      const env = (await (await fetch(`${stack.urls[name]}/env`)).json()) as Record<string, string>;
      expect(env).toMatchObject({
        PORT: new URL(stack.urls[name]).port,
        DATABASE_URL: stack.databaseUrls[name],
        SEED_DEMO_DATA: 'true',
        LOG_FORMAT: 'json',
        EXTRA_SETTING: 'passed through',
      });
      expect(env.DATABASE_URL).toMatch(new RegExp(`^postgresql://${name}:[\\w-]{43}@127\\.0\\.0\\.1:${stack.pgPort}/${name}$`));
      if (name === 'auth') {
        expect(env).toMatchObject({ ISSUER: authUrl, SIGNING_KEY_ENCRYPTION_KEY: stack.signingKeyEncryptionKey });
        expect(env.SIGNING_KEY_ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
      } else {
        expect(env).toMatchObject({ AUTH_URL: authUrl, AUTH_ISSUER: authUrl });
        // per-server mode: no service holds a credential for auth's database, nor auth's key
        expect(env).not.toHaveProperty('AUTH_DATABASE_URL');
        expect(env).not.toHaveProperty('SIGNING_KEY_ENCRYPTION_KEY');
      }
    }
    expect(authUrl).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('passes a setting meant for one service to that service only', async () => {
    for (const name of SERVICE_NAMES) {
      const env = (await (await fetch(`${stack.urls[name]}/env`)).json()) as Record<string, string>;
      expect(env.SHOP_ONLY_SETTING).toBe(name === 'shop' ? 'for shop' : undefined);
    }
  });

  it('registers helpdesk at auth with auth’s client CLI once auth is up, then hands helpdesk its credentials and no one else', async () => {
    const calls = (await readFile(join(repoRoot, FAKE_CLIENTS_CALLS), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(calls).toEqual([
      {
        argv: ['ensure', '--client-id', 'helpdesk', '--name', 'helpdesk', '--scope', 'orders:read', '--audience', 'shop'],
        CLIENT_SECRET: expect.stringMatching(/^[\w-]{43}$/),
        DATABASE_URL: stack.databaseUrls.auth,
        at: expect.any(Number),
      },
    ]);
    const helpdesk = (await (await fetch(`${stack.urls.helpdesk}/env`)).json()) as Record<string, string>;
    expect(helpdesk).toMatchObject({ SHOP_URL: stack.urls.shop, HELPDESK_CLIENT_ID: 'helpdesk', HELPDESK_CLIENT_SECRET: calls[0].CLIENT_SECRET });
    expect(calls[0].at).toBeLessThan((await health('helpdesk')).startedAt);
    for (const name of SERVICE_NAMES.filter((other) => other !== 'helpdesk')) {
      const env = (await (await fetch(`${stack.urls[name]}/env`)).json()) as Record<string, string>;
      expect(env).not.toHaveProperty('HELPDESK_CLIENT_SECRET');
    }
  });

  it('gives each service a role of its own, with its own password, owning its database and no other', async () => {
    const passwords = SERVICE_NAMES.map((name) => new URL(stack.databaseUrls[name]).password);
    expect(new Set(passwords).size).toBe(SERVICE_NAMES.length);
    for (const name of SERVICE_NAMES) {
      expect(await query(stack.databaseUrls[name], 'SELECT current_user AS role, current_database() AS database, usesuper FROM pg_user WHERE usename = current_user')).toEqual([
        { role: name, database: name, usesuper: false },
      ]);
    }
    const authDatabaseAsShop = stack.databaseUrls.shop.replace(/\/shop$/, '/auth');
    await expect(query(authDatabaseAsShop, 'SELECT 1')).rejects.toMatchObject({ code: '42501' });
  });

  it("keeps the session reader out of auth's database unless the services share its session store", async () => {
    expect(stack.sessionReaderUrl).toMatch(new RegExp(`^postgresql://session_reader:[\\w-]{43}@127\\.0\\.0\\.1:${stack.pgPort}/auth$`));
    await expect(query(stack.sessionReaderUrl, 'SELECT 1')).rejects.toMatchObject({ code: '42501' });
  });

  it('starts PostgreSQL with the extra server settings', async () => {
    const shown = await query(
      databaseUrl(stack.pgPort, 'postgres'),
      "SELECT current_setting('shared_preload_libraries') AS preload, current_setting('work_mem') AS work_mem",
    );
    expect(shown).toEqual([{ preload: 'pg_stat_statements', work_mem: '12MB' }]);
  });

  it("keeps each service's output in its log file", async () => {
    const log = await readFile(stack.logFile('shop')!, 'utf8');
    expect(log).toContain('{"msg":"listening","service":"shop"}');
  });

  it('stops one service and starts it again', async () => {
    const { pid } = await health('auth');
    await stack.stopService('auth');
    expect(await health('auth').catch(() => 'down')).toBe('down');
    expect(processesMentioning(`${repoRoot}/apps/auth/`)).toEqual([]);

    await stack.startService('auth');
    expect((await health('auth')).pid).not.toBe(pid);
    expect(unexpectedExits).toEqual([]);
  });

  it('reports a service that exits without being asked to, and can start it again', async () => {
    await fetch(`${stack.urls.forum}/crash`);
    await eventually(() => unexpectedExits.length > 0);
    expect(unexpectedExits).toEqual([['forum', { code: 7, signal: null }]]);

    await stack.startService('forum');
    expect(await health('forum')).toMatchObject({ service: 'forum' });
  });

  it('stops everything, and leaves no process, port or file behind', async () => {
    const dataDir = dirname(dirname(stack.logFile('auth')!));
    const ports = [...SERVICE_NAMES.map((name) => Number(new URL(stack.urls[name]).port)), stack.pgPort];

    await stack.stop();
    await stack.stop();
    expect(processesMentioning(repoRoot)).toEqual([]);
    expect(processesMentioning(dataDir)).toEqual([]);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
  });

  async function health(name: ServiceName): Promise<{ status: string; service: string; pid: number; startedAt: number }> {
    return (await fetch(`${stack.urls[name]}/health`)).json() as never;
  }
});

describe('startTestStack, when something is wrong', () => {
  let repoRoot: string;

  beforeEach(async () => {
    repoRoot = await makeFakeRepo();
  });
  afterEach(() => rm(repoRoot, { recursive: true, force: true }));

  it('names a service that dies at boot, shows its last log lines, and stops the rest', async () => {
    const before = stackDirectories();
    await expect(startTestStack({ FAKE_FAIL: 'helpdesk' }, { repoRoot })).rejects.toThrow(
      /^helpdesk exited \(exit code 3\) before answering GET \/health\. Last lines of .*helpdesk\.log:\nhelpdesk: cannot reach the database$/,
    );
    expect(processesMentioning(repoRoot)).toEqual([]);
    expect(stackDirectories()).toEqual(before);
  }, 30_000);

  it('says to build the apps when one is missing, before starting anything', async () => {
    const before = stackDirectories();
    await rm(`${repoRoot}/apps/shop/dist`, { recursive: true });
    await expect(startTestStack({}, { repoRoot })).rejects.toThrow(
      'shop: apps/shop/dist/main.js does not exist; build the apps first (npm run build).',
    );
    expect(stackDirectories()).toEqual(before);
  });

  it('names auth’s client CLI when registering helpdesk fails, and stops what had started', async () => {
    const before = stackDirectories();
    await expect(startTestStack({ FAKE_FAIL: 'clients' }, { repoRoot })).rejects.toThrow(
      'Could not register helpdesk at auth (apps/auth/dist/cli/clients.js ensure): clients: cannot reach the database',
    );
    expect(processesMentioning(repoRoot)).toEqual([]);
    expect(stackDirectories()).toEqual(before);
  }, 30_000);

  it('says to build auth when its client CLI is missing, before starting anything', async () => {
    await rm(`${repoRoot}/apps/auth/dist/cli`, { recursive: true });
    await expect(startTestStack({}, { repoRoot })).rejects.toThrow(
      'auth: apps/auth/dist/cli/clients.js does not exist; build the apps first (npm run build).',
    );
  });

  it('leaves nothing running when the parent is killed outright', async () => {
    const script = `
      const { startTestStack } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
      const stack = await startTestStack({}, { repoRoot: ${JSON.stringify(repoRoot)} });
      console.log(JSON.stringify(stack.logFile('auth')));
      setInterval(() => undefined, 1000);
    `;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const logFile = JSON.parse(String(await new Promise((resolve) => parent.stdout.once('data', resolve))));
    const dataDir = dirname(dirname(logFile));
    expect(processesMentioning(`${repoRoot}/apps/`)).toHaveLength(4);

    parent.kill('SIGKILL');
    await eventually(() => processesMentioning(`${repoRoot}/apps/`).length === 0 && processesMentioning(dataDir).length === 0);
    await rm(dataDir, { recursive: true, force: true }); // nobody was left to delete it
  }, 30_000);
});

describe('startStack, persistent (npm start)', () => {
  let repoRoot: string;
  let dataDir: string;

  beforeEach(async () => {
    repoRoot = await makeFakeRepo();
    dataDir = join(repoRoot, '.data');
  });
  afterEach(() => rm(repoRoot, { recursive: true, force: true }));

  it('makes its secrets once, readable by the owner only, and keeps them across a restart', async () => {
    const first = await startPersistent();
    const firstEnv = await environments(first);
    expect(firstEnv.helpdesk).toMatchObject({ clientSecret: expect.stringMatching(/^[\w-]{43}$/) });
    await first.stop();
    expect((await stat(join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);

    const second = await startPersistent();
    try {
      expect(await environments(second)).toEqual(firstEnv);
      expect(await query(second.databaseUrls.forum, 'SELECT current_user AS role')).toEqual([{ role: 'forum' }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  async function startPersistent(): Promise<RunningStack> {
    const [pgPort, ...ports] = await freePorts(5);
    return startStack({
      dataDir,
      persistent: true,
      pgPort: pgPort!,
      ports: Object.fromEntries(SERVICE_NAMES.map((name, index) => [name, ports[index]!])) as Record<ServiceName, number>,
      logs: 'file',
      repoRoot,
    });
  }

  async function environments(stack: RunningStack): Promise<Record<string, unknown>> {
    const of = async (name: ServiceName) => {
      const { DATABASE_URL, SIGNING_KEY_ENCRYPTION_KEY, HELPDESK_CLIENT_SECRET } = (await (await fetch(`${stack.urls[name]}/env`)).json()) as Record<string, string>;
      return [name, { database: new URL(DATABASE_URL).password, key: SIGNING_KEY_ENCRYPTION_KEY, clientSecret: HELPDESK_CLIENT_SECRET }];
    };
    return Object.fromEntries(await Promise.all(SERVICE_NAMES.map(of)));
  }
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function stackDirectories(): string[] {
  return readdirSync(tmpdir()).filter((entry) => entry.startsWith('sso-stack-'));
}

