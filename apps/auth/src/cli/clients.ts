// `npm run clients -- <command>`: registers, lists and revokes applications (OAuth clients) in
// auth's database, as the admin endpoints `/auth/clients` do over HTTP. It talks to the database
// rather than to auth, so the stack can provision its own clients (`ensure`) before any admin can
// log in. DATABASE_URL says which database; unset, it is the auth database of the stack that
// `npm start` runs (PG_PORT, default 5433).
import { PrismaPg } from '@prisma/adapter-pg';
import { databasePoolConfig } from '@sso/database';
import { parseArgs } from 'node:util';
import { ClientCommandError, runClientCommand } from '../clients/client-commands.js';
import { PrismaClient } from '../generated/prisma/client.js';

const USAGE = `Usage: npm run clients -- <command> [options]

  create --name <name> --scope <scope> --audience <service> [--json]
      Registers an application; prints its client id and its secret (shown only now).
  list [--json]
      Every registered application, newest first (no secrets).
  revoke <client_id> [--json]
      Its next token request fails; tokens it already holds live until they expire.
  ensure --client-id <id> --name <name> --scope <scope> --audience <service> [--json]
      Creates or updates the client with the secret in the CLIENT_SECRET variable (never an argument).

--scope and --audience repeat, or take a list ("orders:read orders:write", "shop,helpdesk").
Audiences: shop, helpdesk, forum. Database: DATABASE_URL, else the stack of \`npm start\` (PG_PORT).`;

const OPTIONS = {
  name: { type: 'string' },
  scope: { type: 'string', multiple: true },
  audience: { type: 'string', multiple: true },
  'client-id': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where auth's database is: DATABASE_URL, else the one `npm start` runs. */
async function authDatabaseUrl(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  // The stack's own helper, loaded only here: @sso/stack (and its embedded PostgreSQL) belongs to
  // the checkout, not to auth's image, where DATABASE_URL is always set. It names the stack's
  // administrator, the one account whose password the stack does not keep secret; the services'
  // own roles have passwords only the stack reads from `.data/secrets.json`.
  const stack = await import('@sso/stack').catch(() => undefined);
  if (!stack) throw new ClientCommandError('DATABASE_URL is not set, and there is no `npm start` stack here to fall back on: set DATABASE_URL to auth’s database');
  return stack.databaseUrl(stackPostgresPort(env.PG_PORT), 'auth');
}

/** PG_PORT as `npm start` reads it (packages/stack, start-settings.ts). */
function stackPostgresPort(raw: string | undefined): number {
  const text = raw?.trim();
  if (!text) return 5433;
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new ClientCommandError(`PG_PORT must be a port number from 1 to 65535, not "${text}"`);
  return port;
}

/** Where the database is, for messages: never its password. */
function describeDatabase(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}:${port || 5432}${pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** One line for what went wrong with the database, with a hint where one helps. */
function databaseFailure(error: unknown, where: string): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = `${code ?? ''} ${message ?? ''}`;
  if (code === 'P2021' || /oauth_clients.*does not exist/.test(text)) {
    return `auth's database at ${where} has no oauth_clients table yet: start auth once, it applies its migrations`;
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|P1001|Can't reach database|timeout exceeded when trying to connect|Connection terminated/i.test(text)) {
    return `cannot reach auth's database at ${where}: is \`npm start\` running? (or set DATABASE_URL)`;
  }
  const firstLine = (message ?? String(error)).trim().split('\n').at(-1);
  return `auth's database at ${where} answered: ${firstLine}`;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    if (/--(client-)?secret/.test((error as Error).message)) {
      throw new ClientCommandError('the secret is read from the CLIENT_SECRET variable, never from the command line (anyone on the machine can read a process’s arguments)');
    }
    throw new ClientCommandError(`${(error as Error).message}\n${USAGE}`);
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    if (command === undefined && !parsed.values.help) process.exitCode = 1;
    return;
  }
  const url = await authDatabaseUrl(process.env);
  const where = describeDatabase(url);
  const prisma = new PrismaClient({ adapter: new PrismaPg(databasePoolConfig(url)) });
  try {
    const output = await runClientCommand(prisma, { command, arguments: rest, options: parsed.values, secret: process.env.CLIENT_SECRET }).catch((error: unknown) => {
      if (error instanceof ClientCommandError) throw error;
      throw new ClientCommandError(databaseFailure(error, where));
    });
    console.log(output);
  } finally {
    await prisma.$disconnect();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof ClientCommandError)) throw error;
  console.error(`clients: ${error.message}`);
  process.exitCode = 1;
}
