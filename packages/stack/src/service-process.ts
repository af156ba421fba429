import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { relative } from 'node:path';
import { signalGroup, watchForOrphan } from './orphan-watchdog.js';
import { withMemorySettings } from './service-memory.js';
import type { ServiceName } from './service-names.js';

export interface ServiceSpec {
  name: ServiceName;
  /** `apps/<name>/dist/main.js`, run with this Node binary. */
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where it answers `GET /health` once ready. */
  url: string;
  /** Its stdout and stderr go here; without one they go to ours. */
  logFile?: string;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  readonly pid: number;
  /** Settles when the process has exited, whatever the reason. */
  readonly exited: Promise<ExitStatus>;
  /** Whether `stop` was called, so an exit is expected. */
  readonly stopRequested: boolean;
  /** SIGTERM, then SIGKILL if it has not exited after a while. Idempotent. */
  stop(): Promise<void>;
}

// 20 s: a clear error then still fits in the 30 s a test hook gets to start the whole stack.
const HEALTH_TIMEOUT_MS = 20_000;
const HEALTH_POLL_MS = 100;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts one service as a child process and resolves once its `GET /health` answers 200. Rejects
 * (with the last lines of its log) if it exits first or is not healthy in time; it is then stopped.
 */
export async function launchService(spec: ServiceSpec): Promise<ServiceProcess> {
  await assertBuilt(spec);
  const service = spawnService(spec);
  try {
    await waitUntilHealthy(spec, service);
    return service;
  } catch (error) {
    await service.stop();
    throw error;
  }
}

/** Fails with a hint to build when the service's entry point is missing. */
export async function assertBuilt(spec: ServiceSpec): Promise<void> {
  await access(spec.entry).catch(() => {
    throw new Error(`${spec.name}: ${relative(spec.cwd, spec.entry)} does not exist; build the apps first (npm run build).`);
  });
}

function spawnService(spec: ServiceSpec): ServiceProcess {
  const output = spec.logFile === undefined ? 'inherit' : openSync(spec.logFile, 'a');
  let child: ChildProcess;
  try {
    // Its own process group: a Ctrl-C in the terminal reaches only the parent, which then stops
    // the services in order, and stopping a service reaches anything it spawned.
    child = spawn(process.execPath, [spec.entry], {
      cwd: spec.cwd,
      env: withMemorySettings(spec.env),
      stdio: ['ignore', output, output],
      detached: true,
    });
  } finally {
    if (typeof output === 'number') closeSync(output);
  }
  child.once('error', () => undefined); // a failed spawn is reported by the missing pid below
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not start ${process.execPath}`);

  const watchdog = watchForOrphan({ pid, group: true }, { first: 'TERM', then: 'KILL', afterSeconds: 10 });
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      watchdog.release();
      resolve({ code, signal });
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    pid,
    exited,
    get stopRequested() {
      return stopping !== undefined;
    },
    stop() {
      stopping ??= (async () => {
        signalGroup(pid, 'SIGTERM');
        if (await settlesWithin(exited, STOP_TIMEOUT_MS)) return;
        signalGroup(pid, 'SIGKILL');
        await exited;
      })();
      return stopping;
    },
  };
}

async function waitUntilHealthy(spec: ServiceSpec, service: ServiceProcess): Promise<void> {
  let exit: ExitStatus | undefined;
  void service.exited.then((status) => (exit = status));
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (!(await isHealthy(spec.url))) {
    if (exit) {
      throw new Error(`${spec.name} exited (${describeExit(exit)}) before answering GET /health.${await logTail(spec)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${spec.name} did not answer GET ${spec.url}/health with 200 within ${HEALTH_TIMEOUT_MS / 1000} s.${await logTail(spec)}`);
    }
    await settlesWithin(service.exited, HEALTH_POLL_MS);
  }
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

export function describeExit({ code, signal }: ExitStatus): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

async function logTail(spec: ServiceSpec, lineCount = 20): Promise<string> {
  if (spec.logFile === undefined) return ' Its output is above.';
  const file = await open(spec.logFile, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, 16_384);
    const { buffer } = await file.read(Buffer.alloc(length), 0, length, size - length);
    const lines = buffer.toString('utf8').trimEnd().split('\n').slice(-lineCount);
    return ` Last lines of ${spec.logFile}:\n${lines.join('\n')}`;
  } finally {
    await file.close();
  }
}

/** Whether `promise` settles within `ms`, without keeping a timer alive afterwards. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
