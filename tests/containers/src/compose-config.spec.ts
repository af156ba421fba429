import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { dockerComposeAvailable, runningInCi } from './compose-tool.js';
import { activeServices, readComposeDocument, resolveServices, type ComposeService } from './compose-file.js';
import { dotEnvText, generatedEnv } from './generated-env.js';
import { repositoryRoot, run } from './repository.js';

const composeFile = join(repositoryRoot, 'docker-compose.yml');

describe('docker-compose.yml', () => {
  const available = dockerComposeAvailable();
  let envDir: string;
  beforeAll(async () => {
    envDir = await mkdtemp(join(tmpdir(), 'sso-compose-env-'));
  });
  afterAll(() => rm(envDir, { recursive: true, force: true }));

  it('is accepted by `docker-compose config` with the variables .env.example lists', async () => {
    if (!available) {
      // Not a skip: CI installs docker-compose (.ci/run) and must run this; elsewhere, say so.
      expect(runningInCi).toBe(false);
      console.log('docker-compose is not installed: `docker-compose config` did NOT run (CI installs it, see .ci/run).');
      return;
    }
    const envFile = join(envDir, '.env');
    await writeFile(envFile, dotEnvText(await generatedEnv()));
    await expect(run('docker-compose', ['-f', composeFile, '--env-file', envFile, 'config', '-q'])).resolves.toBeDefined();
  });

  it('is accepted with the scale-out profile, which adds two shop replicas and nginx', async () => {
    if (!available) {
      expect(runningInCi).toBe(false);
      console.log('docker-compose is not installed: the scale-out profile check did NOT run (CI installs it, see .ci/run).');
      return;
    }
    const envFile = join(envDir, 'scale-out.env');
    await writeFile(envFile, dotEnvText(await generatedEnv()));
    const { stdout } = await run('docker-compose', ['-f', composeFile, '--env-file', envFile, '--profile', 'scale-out', 'config', '--services']);
    expect(stdout.trim().split('\n').sort()).toEqual(
      ['auth', 'database-setup', 'forum', 'helpdesk', 'helpdesk-client', 'postgres', 'shop', 'shop-load-balancer', 'shop-replica-a', 'shop-replica-b'].sort(),
    );
  });

  it('refuses to start with a secret left empty, and names it', async () => {
    if (!available) {
      expect(runningInCi).toBe(false);
      console.log('docker-compose is not installed: the missing-secret check did NOT run (CI installs it, see .ci/run).');
      return;
    }
    const envFile = join(envDir, 'incomplete.env');
    await writeFile(envFile, dotEnvText(await generatedEnv()).replace(/^SIGNING_KEY_ENCRYPTION_KEY=.*$/m, 'SIGNING_KEY_ENCRYPTION_KEY='));
    await expect(run('docker-compose', ['-f', composeFile, '--env-file', envFile, 'config', '-q'])).rejects.toMatchObject({
      stderr: expect.stringContaining('SIGNING_KEY_ENCRYPTION_KEY'),
    });
  });

  it('reads as docker-compose does: the parity test sees the environment, command, order and restart policy compose resolves', async () => {
    if (!available) {
      expect(runningInCi).toBe(false);
      console.log('docker-compose is not installed: the parity reader was NOT compared with `docker-compose config` (CI installs it, see .ci/run).');
      return;
    }
    const variables = { ...(await generatedEnv()), SEED_DEMO_DATA: 'true', LOG_LEVEL: '' };
    const envFile = join(envDir, 'parity.env');
    await writeFile(envFile, dotEnvText(variables));
    const { stdout } = await run('docker-compose', ['-f', composeFile, '--env-file', envFile, '--profile', 'scale-out', 'config']);
    const expected = parse(stdout) as { services: Record<string, ComposeService> };
    const ours = resolveServices(activeServices(await readComposeDocument(), ['scale-out']), variables);
    const essentials = (service: ComposeService) => ({
      environment: Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value)])),
      command: service.command,
      depends_on: service.depends_on,
      restart: service.restart,
    });
    expect(Object.keys(ours).sort()).toEqual(Object.keys(expected.services).sort());
    for (const name of Object.keys(ours)) expect({ name, ...essentials(ours[name]!) }).toEqual({ name, ...essentials(expected.services[name]!) });
  });

  it("runs database-setup from a script the auth image contains (the Dockerfile's /repo is this repository)", async () => {
    const compose = parse(await readFile(composeFile, 'utf8')) as {
      services: Record<string, { command?: string[]; build?: { args?: Record<string, string> } }>;
    };
    const setup = compose.services['database-setup'];
    expect(setup.build?.args?.APP).toBe('auth');
    const [program, script] = setup.command ?? [];
    expect(program).toBe('node');
    expect(existsSync(join(repositoryRoot, posix.relative('/repo', script)))).toBe(true);
  });
});
