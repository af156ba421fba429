import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';

/**
 * `npm start`'s control socket, in its data directory: a Unix socket belongs to this checkout
 * alone, so `npm run stack -- stop auth` can never reach another copy's processes the way
 * `pkill -f apps/auth/dist/main.js` would.
 */
export const controlSocketPath = (dataDir: string) => join(dataDir, 'stack.sock');

export const CONTROL_ACTIONS = ['stop', 'start'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

export interface ControlledStack {
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
}

/** Parses one request line, `stop auth` or `start shop`; undefined for anything else. */
export function parseControlRequest(line: string): { action: ControlAction; service: ServiceName } | undefined {
  const [action, service, ...rest] = line.trim().split(/\s+/);
  if (rest.length > 0) return undefined;
  if (!CONTROL_ACTIONS.includes(action as ControlAction)) return undefined;
  if (!SERVICE_NAMES.includes(service as ServiceName)) return undefined;
  return { action: action as ControlAction, service: service as ServiceName };
}

/** Answers one request per connection with one line: `ok: …` or `error: …`. */
export async function serveStackControl(socketPath: string, stack: ControlledStack): Promise<Server> {
  // A socket file left by a crashed run would make listen fail; the start already checked that
  // this checkout's ports were free, so no live `npm start` of this checkout owns it.
  await rm(socketPath, { force: true });
  const server = createServer((connection) => {
    connection.setEncoding('utf8');
    let request = '';
    connection.on('data', (chunk: string) => {
      request += chunk;
      if (!request.includes('\n')) return;
      void answer(request.split('\n')[0]!).then((reply) => connection.end(`${reply}\n`));
    });
  });
  const answer = async (line: string): Promise<string> => {
    const parsed = parseControlRequest(line);
    if (!parsed) return `error: expected "stop <service>" or "start <service>", service one of ${SERVICE_NAMES.join(', ')}`;
    try {
      await (parsed.action === 'stop' ? stack.stopService(parsed.service) : stack.startService(parsed.service));
      return `ok: ${parsed.service} ${parsed.action === 'stop' ? 'stopped' : 'running'}`;
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return server;
}
