import { provisionServiceDatabase } from '@sso/database';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { assertClientsCliBuilt, ensureHelpdeskClient, HELPDESK_CLIENT_ID } from './application-clients.js';
import { databaseUrl, roleUrl, startDatabaseServer } from './database-server.js';
import { REPO_ROOT } from './repo-root.js';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';
import { assertBuilt, type ExitStatus, type ServiceSpec } from './service-process.js';
import { superviseServices } from './service-supervisor.js';
import { ensureSessionReader, setSessionReaderAccess } from './session-reader.js';
import { loadStackSecrets, SESSION_READER_ROLE, type DatabaseRole } from './stack-secrets.js';
import { readSessionMode } from './start-settings.js';

export interface StackOptions {
  /**
   * PostgreSQL's data, the stack's secrets when persistent (`secrets.json`, mode 0600) and, with
   * `logs: 'file'`, one log per service (`logs/<name>.log`).
   */
  dataDir: string;
  /** false: the database is deleted when the stack stops, and the secrets are new random ones, kept in memory only. */
  persistent: boolean;
  pgPort: number;
  ports: Record<ServiceName, number>;
  /** Passed to every service on top of this process's environment; wins over the stack's defaults. */
  env?: Record<string, string | undefined>;
  /** Passed to one service only, on top of `env` (a test that gives helpdesk a shorter timeout, say). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string | undefined>>>;
  /** 'inherit': services write to our terminal, pretty-printed; 'file': JSON lines in `<dataDir>/logs`. */
  logs: 'inherit' | 'file';
  /** Extra PostgreSQL server settings (`-c name=value`), e.g. to preload pg_stat_statements. */
  postgresSettings?: Record<string, string>;
  /** Where `apps/` lives; defaults to the repository this package sits in. */
  repoRoot?: string;
  /** Called when a service that was up exits without being asked to. */
  onUnexpectedExit?: (name: ServiceName, status: ExitStatus) => void;
}

export interface RunningStack {
  urls: Record<ServiceName, string>;
  /** Each service's own connection string: its role, its password, its database. */
  databaseUrls: Record<ServiceName, string>;
  /** The session reader's connection string to auth's database: AUTH_DATABASE_URL in shared-store mode. */
  sessionReaderUrl: string;
  /** auth's SIGNING_KEY_ENCRYPTION_KEY, for tests that read the keys auth stored. */
  signingKeyEncryptionKey: string;
  pgPort: number;
  /** The service's log file, or undefined when logs go to the terminal. */
  logFile(name: ServiceName): string | undefined;
  /** SIGTERM (SIGKILL after 10 s), and waits until it has exited. */
  stopService(name: ServiceName): Promise<void>;
  /** Starts it again (no-op if running) and waits until it is healthy. */
  startService(name: ServiceName): Promise<void>;
  /** Stops PostgreSQL (fast shutdown), keeping its data, until {@link startDatabase}: a database outage, for tests. */
  stopDatabase(): Promise<void>;
  /** Starts PostgreSQL again on the same port and data directory (no-op if running); the services are left as they are. */
  startDatabase(): Promise<void>;
  /** Stops every service, then PostgreSQL. Idempotent. */
  stop(): Promise<void>;
  /** The service's process id while it runs (for the bench, which reads its memory in `/proc`). */
  pid(name: ServiceName): number | undefined;
}

/** What the stack hands the services: their own credentials, never the administrator's. */
interface ServiceCredentials {
  databaseUrls: Record<ServiceName, string>;
  /** Given to the resource services only when they read auth's session store. */
  sessionReaderUrl?: string;
  signingKeyEncryptionKey: string;
  /** helpdesk's client secret at auth, registered by the stack before helpdesk starts. */
  helpdeskClientSecret: string;
}

/**
 * Starts PostgreSQL and, as its administrator, gives every service a role and a database of its
 * own; then starts auth, lets the session reader read what shared-store mode needs of auth's
 * freshly migrated tables, registers helpdesk as a client of auth (it reads orders from shop on
 * its own behalf), and starts shop, helpdesk and forum together, each waited for until
 * `GET /health` answers. If anything fails to come up, whatever was started is stopped again
 * before the error is thrown.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const secrets = await loadStackSecrets(options.dataDir, options.persistent);
  const sharedStore = readSessionMode({ ...process.env, ...options.env }) === 'shared-store';
  const adminUrl = databaseUrl(options.pgPort, 'postgres');
  const login = (role: DatabaseRole, database: ServiceName) =>
    roleUrl(options.pgPort, { role, password: secrets.databasePasswords[role], database });
  const credentials: ServiceCredentials = {
    databaseUrls: byService((name) => login(name, name)),
    sessionReaderUrl: sharedStore ? login(SESSION_READER_ROLE, 'auth') : undefined,
    signingKeyEncryptionKey: secrets.signingKeyEncryptionKey,
    helpdeskClientSecret: secrets.helpdeskClientSecret,
  };
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const urls = byService((name) => `http://localhost:${options.ports[name]}`);
  const logFile = (name: ServiceName) => (options.logs === 'file' ? join(options.dataDir, 'logs', `${name}.log`) : undefined);
  const specs = byService(
    (name): ServiceSpec => ({
      name,
      entry: join(repoRoot, 'apps', name, 'dist', 'main.js'),
      cwd: repoRoot,
      env: serviceEnvironment(name, options, urls, credentials),
      url: urls[name],
      logFile: logFile(name),
    }),
  );
  await Promise.all([...SERVICE_NAMES.map((name) => assertBuilt(specs[name])), assertClientsCliBuilt(repoRoot)]);
  if (options.logs === 'file') await mkdir(join(options.dataDir, 'logs'), { recursive: true });

  const database = await startDatabaseServer({
    dataDir: options.dataDir,
    port: options.pgPort,
    persistent: options.persistent,
    settings: options.postgresSettings,
  });
  const services = superviseServices(specs, options.onUnexpectedExit);
  let stopping: Promise<void> | undefined;
  const stack: RunningStack = {
    urls,
    databaseUrls: credentials.databaseUrls,
    sessionReaderUrl: login(SESSION_READER_ROLE, 'auth'),
    signingKeyEncryptionKey: secrets.signingKeyEncryptionKey,
    pgPort: options.pgPort,
    logFile,
    startService: services.start,
    stopService: services.stop,
    pid: services.pid,
    stopDatabase: database.halt,
    startDatabase: database.start,
    stop() {
      stopping ??= services.stopAll().then(() => database.stop());
      return stopping;
    },
  };

  try {
    await Promise.all(SERVICE_NAMES.map((name) => provisionServiceDatabase(adminUrl, credentials.databaseUrls[name])));
    await ensureSessionReader(adminUrl, secrets.databasePasswords[SESSION_READER_ROLE]);
    await services.start('auth');
    await setSessionReaderAccess(adminUrl, sharedStore);
    await ensureHelpdeskClient({ repoRoot, authEnv: specs.auth.env, secret: credentials.helpdeskClientSecret });
    // allSettled, not all: the others must have settled before a failure stops everything.
    const started = await Promise.allSettled(SERVICE_NAMES.filter((name) => name !== 'auth').map(services.start));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

function serviceEnvironment(
  name: ServiceName,
  options: StackOptions,
  urls: Record<ServiceName, string>,
  credentials: ServiceCredentials,
): NodeJS.ProcessEnv {
  const authUrl = urls.auth;
  // The issuer is auth's public URL, and exactly the `iss` the resource services require.
  const issuer = options.env?.ISSUER ?? authUrl;
  const defaults =
    name === 'auth'
      ? {
          ISSUER: issuer,
          SIGNING_KEY_ENCRYPTION_KEY: credentials.signingKeyEncryptionKey,
          // Where auth's demo page (`/`) finds the others.
          DEMO_SHOP_URL: urls.shop,
          DEMO_HELPDESK_URL: urls.helpdesk,
          DEMO_FORUM_URL: urls.forum,
        }
      : { AUTH_URL: authUrl, AUTH_ISSUER: issuer, AUTH_DATABASE_URL: credentials.sessionReaderUrl, ...(name === 'helpdesk' && helpdeskCallsShop(urls, credentials)) };
  const userOrigins = { ...process.env, ...options.env }.ALLOWED_ORIGINS;
  return {
    ...process.env,
    ...defaults,
    SEED_DEMO_DATA: 'true',
    LOG_FORMAT: options.logs === 'inherit' ? 'pretty' : 'json',
    ...options.env,
    ...options.serviceEnv?.[name],
    // The demo page, served by auth, calls the resource services from auth's origin with cookies;
    // the user's ALLOWED_ORIGINS adds to that rather than replacing it.
    ALLOWED_ORIGINS: name === 'auth' ? userOrigins : [authUrl, userOrigins].filter(Boolean).join(','),
    PORT: String(options.ports[name]),
    DATABASE_URL: credentials.databaseUrls[name],
  };
}

/** Where helpdesk reads a customer's orders, and its own credentials for it. */
function helpdeskCallsShop(urls: Record<ServiceName, string>, credentials: ServiceCredentials) {
  return { SHOP_URL: urls.shop, HELPDESK_CLIENT_ID, HELPDESK_CLIENT_SECRET: credentials.helpdeskClientSecret };
}

function byService<T>(value: (name: ServiceName) => T): Record<ServiceName, T> {
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, value(name)])) as Record<ServiceName, T>;
}
