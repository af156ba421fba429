import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import pg from 'pg';
import { eventually, makeFakeRepo, processesMentioning } from './fake-apps.test-support.js';
import { isPortFree } from './free-port.js';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';
import type { ExitStatus } from './service-process.js';
import type { RunningStack } from './stack.js';
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

  it("tells each service its port, its database, and where auth and auth's database are", async () => {
    const authUrl = stack.urls.auth;
    for (const name of SERVICE_NAMES) {
      const env = await (await fetch(`${stack.urls[name]}/env`)).json();
      expect(env).toMatchObject({
        PORT: new URL(stack.urls[name]).port,
        DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${stack.pgPort}/${name}`,
        SEED_DEMO_DATA: 'true',
        LOG_FORMAT: 'json',
        EXTRA_SETTING: 'passed through',
      });
      expect(env).toMatchObject(
        name === 'auth'
          ? { ISSUER: authUrl }
          : { AUTH_URL: authUrl, AUTH_ISSUER: authUrl, AUTH_DATABASE_URL: stack.databaseUrls.auth },
      );
    }
    expect(authUrl).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('creates one database per service', async () => {
    for (const name of SERVICE_NAMES) {
      const client = new pg.Client({ connectionString: stack.databaseUrls[name] });
      await client.connect();
      expect((await client.query('SELECT current_database() AS name')).rows).toEqual([{ name }]);
      await client.end();
    }
  });

  it('starts PostgreSQL with the extra server settings', async () => {
    const client = new pg.Client({ connectionString: stack.databaseUrls.shop });
    await client.connect();
    try {
      const shown = await client.query("SELECT current_setting('shared_preload_libraries') AS preload, current_setting('work_mem') AS work_mem");
      expect(shown.rows).toEqual([{ preload: 'pg_stat_statements', work_mem: '12MB' }]);
    } finally {
      await client.end();
    }
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

  async function health(name: ServiceName): Promise<{ status: string; service: string; pid: number }> {
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

function stackDirectories(): string[] {
  return readdirSync(tmpdir()).filter((entry) => entry.startsWith('sso-stack-'));
}

