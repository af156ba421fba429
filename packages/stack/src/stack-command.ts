// `npm run stack -- stop <service>` / `start <service>`: asks this checkout's running `npm start`
// (through its control socket, see stack-control.ts) to stop or start one service.
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root.js';
import { controlSocketPath, parseControlRequest } from './stack-control.js';
import { SERVICE_NAMES } from './service-names.js';

const USAGE = `Usage: npm run stack -- stop|start <${SERVICE_NAMES.join('|')}>  (with npm start running in this checkout)`;

const request = process.argv.slice(2).join(' ');
if (!parseControlRequest(request)) {
  console.error(USAGE);
  process.exit(2);
}

const socket = createConnection(controlSocketPath(join(REPO_ROOT, '.data')));
let reply = '';
socket.setEncoding('utf8');
socket.on('data', (chunk: string) => (reply += chunk));
socket.on('error', (error: NodeJS.ErrnoException) => {
  const notRunning = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
  console.error(notRunning ? 'The stack is not running in this checkout: start it with npm start.' : error.message);
  process.exit(1);
});
socket.on('end', () => {
  console.log(reply.trim());
  process.exit(reply.startsWith('ok:') ? 0 : 1);
});
socket.write(`${request}\n`);
