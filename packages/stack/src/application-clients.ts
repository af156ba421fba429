import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** helpdesk's client id at auth: it reads customers' orders from shop on its own behalf. */
export const HELPDESK_CLIENT_ID = 'helpdesk';

/** What helpdesk may ask auth for (see apps/helpdesk, customer-orders). */
const HELPDESK_CLIENT = ['--client-id', HELPDESK_CLIENT_ID, '--name', 'helpdesk', '--scope', 'orders:read', '--audience', 'shop'];

/** auth's client CLI, relative to the repository. */
const CLIENTS_CLI = join('apps', 'auth', 'dist', 'cli', 'clients.js');

/** Fails with a hint to build when auth's client CLI is missing, before anything starts. */
export async function assertClientsCliBuilt(repoRoot: string): Promise<void> {
  await access(join(repoRoot, CLIENTS_CLI)).catch(() => {
    throw new Error(`auth: ${CLIENTS_CLI} does not exist; build the apps first (npm run build).`);
  });
}

/**
 * Registers helpdesk at auth, or brings its registration up to date (name, scope, audience,
 * secret), with auth's own `clients ensure`: the stack does what an operator would. Run once auth
 * has migrated its database and before helpdesk starts, in auth's environment (its `DATABASE_URL`
 * among it). The secret goes through the environment, never the command line, where `ps` would
 * show it.
 */
export async function ensureHelpdeskClient(options: { repoRoot: string; authEnv: NodeJS.ProcessEnv; secret: string }): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [CLIENTS_CLI, 'ensure', ...HELPDESK_CLIENT], {
      cwd: options.repoRoot,
      env: { ...options.authEnv, CLIENT_SECRET: options.secret },
      timeout: 30_000,
    });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    const said = (stderr || stdout || message).trim().split('\n').at(-1);
    throw new Error(`Could not register helpdesk at auth (${CLIENTS_CLI} ensure): ${said}`);
  }
}
