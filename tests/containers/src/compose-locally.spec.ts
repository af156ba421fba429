import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { activeServices, readComposeDocument, resolveServices, type ComposeService } from './compose-file.js';
import { containerCommand } from './compose-locally.js';
import { generatedEnv } from './generated-env.js';
import { parseDockerfile, type Stage } from './dockerfile.js';
import { repositoryRoot } from './repository.js';

describe('containerCommand: what a container of the service runs, on this machine', () => {
  let runtime: Stage;
  let services: Record<string, ComposeService>;
  beforeAll(async () => {
    runtime = parseDockerfile(await readFile(join(repositoryRoot, 'Dockerfile'), 'utf8')).at(-1)!;
    services = resolveServices(activeServices(await readComposeDocument()), await generatedEnv());
  });

  it("runs the Dockerfile's CMD in its WORKDIR for the service's APP", () => {
    expect(containerCommand('shop', services.shop!, runtime)).toEqual({ args: ['node', 'dist/main.js'], cwd: join(repositoryRoot, 'apps/shop') });
  });

  it.each(['database-setup', 'helpdesk-client'])("runs %s's command, a script the auth image holds", (name) => {
    const { args } = containerCommand(name, services[name]!, runtime);
    expect(args[0]).toBe('node');
    expect(existsSync(args[1]!)).toBe(true);
  });

  it("refuses a path outside the image's /repo, and a program other than node", () => {
    expect(() => containerCommand('x', { build: { args: { APP: 'auth' } }, command: ['node', '/usr/src/app/main.js'] }, runtime)).toThrow(/^x: \/usr\/src\/app\/main.js is outside \/repo/);
    expect(() => containerCommand('x', { build: { args: { APP: 'auth' } }, command: ['npm', 'start'] }, runtime)).toThrow(/^x: runs npm, not node$/);
  });
});
