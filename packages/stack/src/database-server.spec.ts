import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, startDatabaseServer } from './database-server.js';
import { eventually, processesMentioning } from './fake-apps.test-support.js';
import { freePort, isPortFree } from './free-port.js';

describe('startDatabaseServer', () => {
  let dataDir: string;
  let port: number;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sso-pg-spec-'));
    await chmod(dataDir, 0o755);
    port = await freePort();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('starts, accepts connections, stops, and frees its port', async () => {
    const server = await startDatabaseServer({ dataDir, port, persistent: false });
    expect(await query('SELECT 1 AS one')).toEqual([{ one: 1 }]);

    await server.stop();
    await server.stop();
    expect(await isPortFree(port)).toBe(true);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  });

  it('keeps the data across a restart when persistent', async () => {
    const first = await startDatabaseServer({ dataDir, port, persistent: true });
    await query('CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();

    const second = await startDatabaseServer({ dataDir, port, persistent: true });
    try {
      expect(await query('SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('halts and starts again on the same port, keeping the data even when not persistent', async () => {
    const server = await startDatabaseServer({ dataDir, port, persistent: false });
    try {
      await query('CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');

      await server.halt();
      await server.halt();
      await expect(query('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(processesMentioning(dataDir)).toEqual([]);

      await server.start();
      await server.start();
      expect(await query('SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await server.stop();
    }
    expect(await isPortFree(port)).toBe(true);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  });

  it('stops for good while halted, and start no longer brings it back', async () => {
    const server = await startDatabaseServer({ dataDir, port, persistent: false });
    await server.halt();
    await server.stop();
    await server.start();
    expect(await isPortFree(port)).toBe(true);
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it('starts over a postmaster.pid left by a crash', async () => {
    await (await startDatabaseServer({ dataDir, port, persistent: true })).stop();
    await writeFile(join(dataDir, 'postgres', 'postmaster.pid'), `${await deadPid()}\n${dataDir}/postgres\n`);

    const server = await startDatabaseServer({ dataDir, port, persistent: true });
    expect(await query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await server.stop();
  });

  it('refuses a data directory that a running server is using, naming its pid', async () => {
    const server = await startDatabaseServer({ dataDir, port, persistent: true });
    try {
      await expect(startDatabaseServer({ dataDir, port: await freePort(), persistent: true })).rejects.toThrow(
        /^PostgreSQL is already running on .* \(pid \d+\); stop it first/,
      );
    } finally {
      await server.stop();
    }
  });

  it('explains a failed start with the last lines of the PostgreSQL log', async () => {
    const blocker = await startDatabaseServer({ dataDir: join(dataDir, 'other'), port, persistent: false });
    try {
      await expect(startDatabaseServer({ dataDir, port, persistent: false })).rejects.toThrow(
        new RegExp(`^PostgreSQL did not start on port ${port}\\. Last lines of .*postgres\\.log:\\n[^]*already in use`),
      );
    } finally {
      await blocker.stop();
    }
  });

  it('does not outlive a parent that is killed outright', async () => {
    // A separate Node process runs the built package, so it can be SIGKILLed without taking jest along.
    const script = `
      const { startDatabaseServer } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
      await startDatabaseServer({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true });
      console.log('ready');
      setInterval(() => undefined, 1000);
    `;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => parent.stdout.once('data', resolve));
    expect(processesMentioning(dataDir)).not.toEqual([]);

    parent.kill('SIGKILL');
    await eventually(() => processesMentioning(dataDir).length === 0);
    await eventually(() => isPortFree(port));
  });

  async function query(sql: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: databaseUrl(port, 'postgres') });
    await client.connect();
    try {
      const result = await client.query(sql);
      return Array.isArray(result) ? result.at(-1).rows : result.rows;
    } finally {
      await client.end();
    }
  }
});

/** The pid of a process that has just exited, as a crash leaves in postmaster.pid. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}
