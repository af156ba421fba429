import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceName } from './service-names.js';
import { controlSocketPath, parseControlRequest, serveStackControl } from './stack-control.js';

function ask(socketPath: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
    socket.write(`${line}\n`);
  });
}

describe('the stack control socket', () => {
  let server: Server | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('parses only "stop|start <service>"', () => {
    expect(parseControlRequest('stop auth')).toEqual({ action: 'stop', service: 'auth' });
    expect(parseControlRequest(' start forum \n')).toEqual({ action: 'start', service: 'forum' });
    for (const line of ['', 'stop', 'kill auth', 'stop postgres', 'stop auth now']) expect(parseControlRequest(line)).toBeUndefined();
  });

  it('stops and starts the named service and answers in one line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'stack-control-'));
    const calls: string[] = [];
    server = await serveStackControl(controlSocketPath(dir), {
      stopService: async (name: ServiceName) => void calls.push(`stop ${name}`),
      startService: async (name: ServiceName) => void calls.push(`start ${name}`),
    });
    expect(await ask(controlSocketPath(dir), 'stop auth')).toBe('ok: auth stopped\n');
    expect(await ask(controlSocketPath(dir), 'start auth')).toBe('ok: auth running\n');
    expect(await ask(controlSocketPath(dir), 'stop everything')).toMatch(/^error: expected/);
    expect(calls).toEqual(['stop auth', 'start auth']);
  });

  it('reports a failure to start as an error line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'stack-control-'));
    server = await serveStackControl(controlSocketPath(dir), {
      stopService: async () => undefined,
      startService: async () => {
        throw new Error('auth did not become healthy');
      },
    });
    expect(await ask(controlSocketPath(dir), 'start auth')).toBe('error: auth did not become healthy\n');
  });
});
