import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const apps = ['auth', 'shop', 'helpdesk', 'forum'] as const;
export const run = promisify(execFile);

/** `turbo prune @sso/<app> --docker` into a fresh temporary directory, as the Dockerfile's prune stage does. */
export async function pruneForDocker(app: string): Promise<string> {
  const outDir = join(await mkdtemp(join(tmpdir(), `sso-prune-${app}-`)), 'pruned');
  await run('npx', ['turbo', 'prune', `@sso/${app}`, '--docker', '--out-dir', outDir], {
    cwd: repositoryRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  return outDir;
}
