import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, installBuiltStack, makeFakeRepo, processesMentioning } from './fake-apps.test-support.js';
import { freePorts } from './free-port.js';

const execFileAsync = promisify(execFile);

// `npm start` end to end, on the fake apps: the built start.js runs in a fake repository, in its own
// process group, and gets its signals the way a terminal sends Ctrl-C (to the whole group).
describe('start.js (npm start)', () => {
  let repoRoot: string;
  let startJs: string;
  let env: Record<string, string>;
  let ports: number[];

  beforeEach(async () => {
    repoRoot = await makeFakeRepo();
    startJs = join(await installBuiltStack(repoRoot), 'start.js');
    ports = await freePorts(5);
    const [auth, shop, helpdesk, forum, pg] = ports.map(String);
    env = { AUTH_PORT: auth!, SHOP_PORT: shop!, HELPDESK_PORT: helpdesk!, FORUM_PORT: forum!, PG_PORT: pg! };
  });
  afterEach(() => rm(repoRoot, { recursive: true, force: true }));

  it('prints the URLs, the demo accounts and a walkthrough, then stops everything on Ctrl-C and exits 0', async () => {
    const start = run({ ...env, HOST: '' }); // blank: unset, whatever the environment running the tests says
    await eventually(() => start.stdout().includes('Press Ctrl-C'), 20_000);
    const serviceEnv = (await (await fetch(`http://localhost:${ports[1]}/env`)).json()) as Record<string, string>;
    expect(serviceEnv.HOST).toBe('127.0.0.1');
    expect(start.stdout()).toContain('The services listen on 127.0.0.1 only');
    expect(start.stdout()).toContain(`auth      http://localhost:${ports[0]}`);
    expect(start.stdout()).toContain(`forum     http://localhost:${ports[3]}`);
    expect(start.stdout()).toContain('carol@example.com   admin');
    expect(start.stdout()).toContain(`curl -s localhost:${ports[1]}/me -H "Authorization: Bearer $TOKEN"`);
    expect(start.stdout()).toContain('Session cookies: per-server');
    expect(existsSync(join(repoRoot, '.data', 'postgres', 'PG_VERSION'))).toBe(true);

    process.kill(-start.process.pid!, 'SIGINT');
    expect(await start.exitCode).toBe(0);
    expect(start.stderr()).toContain('Stopped.');
    expect(processesMentioning(repoRoot)).toEqual([]);
    expect(existsSync(join(repoRoot, '.data', 'postgres', 'PG_VERSION'))).toBe(true); // data is kept
  }, 30_000);

  it('reports a service that stops and keeps the others running (stop auth, the rest carry on)', async () => {
    const start = run(env);
    await eventually(() => start.stdout().includes('Press Ctrl-C'), 20_000);
    await fetch(`http://localhost:${ports[0]}/crash`);
    await eventually(() => start.stderr().includes('auth stopped (exit code 7); the other services keep running.'));
    for (const port of ports.slice(1, 4)) expect((await fetch(`http://localhost:${port}/health`)).status).toBe(200);
    process.kill(-start.process.pid!, 'SIGINT');
    expect(await start.exitCode).toBe(0);
    expect(processesMentioning(repoRoot)).toEqual([]);
  }, 30_000);

  it('stops and starts one service on `npm run stack -- stop|start <service>`, this checkout only', async () => {
    const start = run(env);
    await eventually(() => start.stdout().includes('Press Ctrl-C'), 20_000);
    const stackCommand = (...args: string[]) => execFileAsync(process.execPath, [join(startJs, '..', 'stack-command.js'), ...args]);
    expect((await stackCommand('stop', 'auth')).stdout).toBe('ok: auth stopped\n');
    await expect(fetch(`http://localhost:${ports[0]}/health`)).rejects.toThrow();
    expect((await fetch(`http://localhost:${ports[1]}/health`)).status).toBe(200);
    expect((await stackCommand('start', 'auth')).stdout).toBe('ok: auth running\n');
    expect((await fetch(`http://localhost:${ports[0]}/health`)).status).toBe(200);
    expect(start.stderr()).not.toContain('auth stopped'); // asked for, so not reported as a crash
    process.kill(-start.process.pid!, 'SIGINT');
    expect(await start.exitCode).toBe(0);
    expect(processesMentioning(repoRoot)).toEqual([]);
  }, 30_000);

  it('stops PostgreSQL and exits 1 once every service has stopped', async () => {
    const start = run(env);
    await eventually(() => start.stdout().includes('Press Ctrl-C'), 20_000);
    for (const port of ports.slice(0, 4)) await fetch(`http://localhost:${port}/crash`).catch(() => undefined);
    expect(await start.exitCode).toBe(1);
    expect(start.stderr()).toContain('no service is left, stopping PostgreSQL.');
    expect(processesMentioning(repoRoot)).toEqual([]);
  }, 30_000);

  it('exits at once on a second Ctrl-C, and its watchdogs still stop everything', async () => {
    const start = run({ ...env, FAKE_STOP_DELAY_MS: '3000' });
    await eventually(() => start.stdout().includes('Press Ctrl-C'), 20_000);
    process.kill(-start.process.pid!, 'SIGINT');
    await eventually(() => start.stderr().includes('press Ctrl-C again to force'));
    process.kill(-start.process.pid!, 'SIGINT');
    expect(await start.exitCode).toBe(130);
    expect(processesMentioning(repoRoot)).not.toEqual([]); // the services are still shutting down
    await eventually(() => processesMentioning(repoRoot).length === 0, 15_000);
  }, 30_000);

  it('refuses a bad port setting in one line naming the variable', async () => {
    const start = run({ ...env, SHOP_PORT: 'eighty' });
    expect(await start.exitCode).toBe(1);
    expect(start.stderr()).toBe('SHOP_PORT must be a port number from 1 to 65535, not "eighty".\n');
  });

  it('refuses a bad SESSION_MODE in one line, before starting anything', async () => {
    const start = run({ ...env, SESSION_MODE: 'shared' });
    expect(await start.exitCode).toBe(1);
    expect(start.stderr()).toBe('SESSION_MODE must be per-server or shared-store, not "shared".\n');
    expect(existsSync(join(repoRoot, '.data'))).toBe(false);
  });

  function run(extraEnv: Record<string, string>) {
    const child = spawn(process.execPath, [startJs], {
      cwd: repoRoot,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    return { process: child, exitCode: exitCodeOf(child), stdout: collect(child.stdout!), stderr: collect(child.stderr!) };
  }
});

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return () => text;
}

function exitCodeOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
