import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { copyLines, environmentOf, lastArgs, parseDockerfile, type Stage } from './dockerfile.js';
import { withMemorySettings } from '@sso/stack';
import { apps, pruneForDocker, repositoryRoot } from './repository.js';

// The images are never built here (no Docker engine, see ENVIRONMENT.md): these checks hold the
// Dockerfile to what its stages will find, using the same `turbo prune` its first stage runs.
const stages = parseDockerfile(await readFile(join(repositoryRoot, 'Dockerfile'), 'utf8'));
const stage = (name: string): Stage => {
  const found = stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`Dockerfile has no stage named ${name}`);
  return found;
};
const PRUNE_OUTPUT = '/pruned';

describe('Dockerfile', () => {
  it('has prune, build and runtime stages, the runtime on Node 24 as a non-root user in production mode', () => {
    expect(stages.map((candidate) => candidate.name)).toEqual(['prune', 'build', 'runtime']);
    const runtime = stage('runtime');
    expect(lastArgs(runtime, 'USER', 'any')).toBe('node');
    expect(lastArgs(runtime, 'ENV', 'any')).toContain('NODE_ENV=production');
    expect(lastArgs(runtime, 'HEALTHCHECK', 'any')).toContain('/health');
    expect(stages[0].instructions[0].args).toBe('${NODE_IMAGE} AS prune');
  });

  it('runs the service with the memory settings npm start gives it', () => {
    const { NODE_OPTIONS, MALLOC_MMAP_THRESHOLD_ } = withMemorySettings({});
    expect(environmentOf(stage('runtime'))).toMatchObject({ NODE_ENV: 'production', NODE_OPTIONS, MALLOC_MMAP_THRESHOLD_ });
  });

  it('puts node itself as PID 1 (exec form), so that `docker stop` reaches the service', () => {
    expect(JSON.parse(lastArgs(stage('runtime'), 'CMD', 'any') ?? 'null')).toEqual(['node', 'dist/main.js']);
  });

  it('copies into the runtime stage only what the build stage produced', () => {
    expect(copyLines(stage('runtime'))).toEqual([{ from: 'build', sources: ['/repo'], destination: '/repo' }]);
  });

  describe.each(apps)('for APP=%s', (app) => {
    let pruned: string;
    beforeAll(async () => {
      pruned = await pruneForDocker(app);
    });
    afterAll(() => rm(dirname(pruned), { recursive: true, force: true }));

    it('names only paths that exist after turbo prune', () => {
      const fromPrune = copyLines(stage('build')).filter((line) => line.from === 'prune');
      expect(fromPrune.length).toBeGreaterThan(0);
      for (const line of fromPrune) {
        for (const source of line.sources) {
          expect(posix.relative(PRUNE_OUTPUT, source).startsWith('..')).toBe(false);
          expect(existsSync(join(pruned, posix.relative(PRUNE_OUTPUT, source)))).toBe(true);
        }
      }
      // The lock file the build stage installs from is pruned too, not the repository's.
      expect(existsSync(join(pruned, 'json', 'package-lock.json'))).toBe(true);
    });

    it("runs a CMD file the build produces, from the app's sources and migrations in the pruned tree", () => {
      const workdir = lastArgs(stage('runtime'), 'WORKDIR', app) ?? '';
      expect(workdir).toBe(`/repo/apps/${app}`);
      const [, entry] = JSON.parse(lastArgs(stage('runtime'), 'CMD', app) ?? '[]') as string[];
      const appInRepository = posix.relative('/repo', workdir);
      // The build stage runs `turbo run build` for the app: npm test built the same before this ran.
      const buildCommands = stage('build').instructions.filter((instruction) => instruction.keyword === 'RUN');
      expect(buildCommands.map((instruction) => instruction.args)).toContain('npx turbo run build --filter=@sso/${APP}');
      expect(existsSync(join(repositoryRoot, appInRepository, entry))).toBe(true);
      expect(existsSync(join(pruned, 'full', appInRepository, entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')))).toBe(true);
      expect(existsSync(join(pruned, 'full', appInRepository, 'prisma', 'migrations'))).toBe(true);
    });
  });
});
