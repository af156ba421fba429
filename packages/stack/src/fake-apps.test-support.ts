import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NAMES } from './service-names.js';

// Stands in for a built app: answers /health, shows its environment, exits on SIGTERM like Nest's
// shutdown hooks (after FAKE_STOP_DELAY_MS), can be told to fail at boot (FAKE_FAIL=<name>) or to
// crash later (GET /crash).
const FAKE_MAIN = `
const http = require('node:http');
const name = require('node:path').basename(require('node:path').resolve(__dirname, '..'));
const startedAt = Date.now();
if (process.env.FAKE_FAIL === name) {
  console.error(name + ': cannot reach the database');
  process.exit(3);
}
const server = http.createServer((request, response) => {
  if (request.url === '/health') return response.end(JSON.stringify({ status: 'ok', service: name, pid: process.pid, startedAt }));
  if (request.url === '/env') return response.end(JSON.stringify(process.env));
  if (request.url === '/crash') return response.end('', () => process.exit(7));
  response.statusCode = 404;
  response.end();
});
server.listen(Number(process.env.PORT), () => console.log(JSON.stringify({ msg: 'listening', service: name })));
process.on('SIGTERM', () => setTimeout(() => server.close(() => process.exit(0)), Number(process.env.FAKE_STOP_DELAY_MS ?? 0)));
`;

/** Where the fake client CLI records its calls, in the fake repository: one JSON object a line. */
export const FAKE_CLIENTS_CALLS = 'clients-cli-calls.jsonl';

// Stands in for auth's client CLI (apps/auth/dist/cli/clients.js): appends how it was called to
// FAKE_CLIENTS_CALLS in the repository, or fails like a CLI that cannot reach auth's database
// (FAKE_FAIL=clients).
const FAKE_CLIENTS_CLI = `
if (process.env.FAKE_FAIL === 'clients') {
  console.error('clients: cannot reach the database');
  process.exit(1);
}
const call = { argv: process.argv.slice(2), CLIENT_SECRET: process.env.CLIENT_SECRET, DATABASE_URL: process.env.DATABASE_URL, at: Date.now() };
require('node:fs').appendFileSync(require('node:path').resolve(__dirname, '../../../..', ${JSON.stringify(FAKE_CLIENTS_CALLS)}), JSON.stringify(call) + '\\n');
`;

/** A temporary repository whose `apps/<name>/dist/main.js` are small fakes, for spawning real processes fast. */
export async function makeFakeRepo(): Promise<string> {
  const repoRoot = await mkdtemp(join(tmpdir(), 'sso-fake-repo-'));
  await chmod(repoRoot, 0o755);
  for (const name of SERVICE_NAMES) {
    await mkdir(join(repoRoot, 'apps', name, 'dist'), { recursive: true });
    await writeFile(join(repoRoot, 'apps', name, 'dist', 'main.js'), FAKE_MAIN);
  }
  await mkdir(join(repoRoot, 'apps', 'auth', 'dist', 'cli'));
  await writeFile(join(repoRoot, 'apps', 'auth', 'dist', 'cli', 'clients.js'), FAKE_CLIENTS_CLI);
  return repoRoot;
}

/**
 * Copies this package's build into a fake repository as `packages/stack/dist` (a copy, not a link:
 * Node would follow a link back here and find the real repository), to run `start.js` there.
 */
export async function installBuiltStack(repoRoot: string): Promise<string> {
  const built = new URL('../dist', import.meta.url).pathname;
  if (!existsSync(join(built, 'start.js'))) throw new Error('packages/stack/dist is missing: run `npm run build` first.');
  await cp(built, join(repoRoot, 'packages', 'stack', 'dist'), { recursive: true });
  await cp(new URL('../package.json', import.meta.url).pathname, join(repoRoot, 'packages', 'stack', 'package.json'));
  await symlink(new URL('../../../node_modules', import.meta.url).pathname, join(repoRoot, 'node_modules'));
  return join(repoRoot, 'packages', 'stack', 'dist');
}

/** Pids of live (not zombie) processes whose command line mentions `text`. Linux only, like CI. */
export function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
        return state !== 'Z' && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // it exited while we looked
      }
    })
    .map(Number);
}

/** Polls until `check` holds, or fails after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition still false after ${ms} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
