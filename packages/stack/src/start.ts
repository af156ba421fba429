// `npm start`: PostgreSQL and the four services on fixed ports, data kept in `.data/`, logs on this
// terminal. Ctrl-C stops the services, then PostgreSQL, and exits 0; a second Ctrl-C exits at once.
// A service that stops on its own is reported and the rest keep running.
import { join, relative } from 'node:path';
import { isPortFree } from './free-port.js';
import { REPO_ROOT } from './repo-root.js';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';
import { describeExit, type ExitStatus } from './service-process.js';
import { startStack, type RunningStack } from './stack.js';
import { startBanner } from './start-banner.js';
import { controlSocketPath, serveStackControl } from './stack-control.js';
import {
  InvalidSettingError,
  PORT_VARIABLES,
  readListenHost,
  readPortSettings,
  readSessionMode,
  type PortOwner,
  type SessionMode,
} from './start-settings.js';

const DATA_DIR = join(REPO_ROOT, '.data');

let stack: RunningStack | undefined;
let stopRequested = false;
let crashDuringStart: string | undefined;
const stoppedServices = new Set<ServiceName>();
let exiting: Promise<void> | undefined;

async function main(): Promise<void> {
  const { ports, sessionMode } = await readSettingsOrExit();
  const host = readListenHost(process.env);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  try {
    stack = await startStack({
      dataDir: DATA_DIR,
      persistent: true,
      pgPort: ports.postgres,
      ports,
      env: { ...process.env, HOST: host },
      logs: 'inherit',
      onUnexpectedExit,
    });
  } catch (error) {
    if (stopRequested) exit(0, 'Stopped.');
    exit(1, `Could not start the stack: ${(error as Error).message}`);
  }
  if (stopRequested) return exitAfterStopping(0);
  if (crashDuringStart) return exitAfterStopping(1, crashDuringStart);
  await serveControlOrWarn(stack);
  console.log(startBanner(ports, ports.postgres, relative(process.cwd(), DATA_DIR) || DATA_DIR, sessionMode, host));
}

/**
 * `npm run stack -- stop|start <service>`; a service started again is no longer counted as
 * stopped. Without the socket (a data directory path too long for one, say) the stack still runs.
 */
async function serveControlOrWarn(running: RunningStack): Promise<void> {
  try {
    await serveStackControl(controlSocketPath(DATA_DIR), {
      stopService: (name) => running.stopService(name),
      startService: (name) => running.startService(name).then(() => void stoppedServices.delete(name)),
    });
  } catch (error) {
    console.error(`npm run stack will not work for this run: ${(error as Error).message}`);
  }
}

async function readSettingsOrExit(): Promise<{ ports: Record<PortOwner, number>; sessionMode: SessionMode }> {
  try {
    const ports = readPortSettings(process.env);
    const sessionMode = readSessionMode(process.env);
    for (const [owner, port] of Object.entries(ports) as [PortOwner, number][]) {
      const variable = PORT_VARIABLES[owner][0];
      if (!(await isPortFree(port))) {
        throw new InvalidSettingError(`Port ${port} (${variable}) is already in use; stop whatever uses it or set ${variable} to another port.`);
      }
    }
    return { ports, sessionMode };
  } catch (error) {
    if (error instanceof InvalidSettingError) exit(1, error.message);
    throw error;
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopRequested) {
    // Our watchdogs signal whatever is still running as soon as this process is gone.
    exit(130, 'Forced exit.');
  }
  stopRequested = true;
  console.error(`\n${signal}: stopping the services, then PostgreSQL (press Ctrl-C again to force).`);
  if (stack) void exitAfterStopping(0);
  // Otherwise the stack is still starting: main() stops it as soon as startStack settles.
}

/**
 * A service that dies while the stack starts aborts the start. Once it runs, the others keep
 * serving: stopping auth by hand is how one sees shop, helpdesk and forum carry on with cached keys.
 */
function onUnexpectedExit(name: ServiceName, status: ExitStatus): void {
  if (!stack) {
    crashDuringStart ??= `${name} stopped unexpectedly (${describeExit(status)}); stopping everything.`;
    return;
  }
  stoppedServices.add(name);
  if (stoppedServices.size === SERVICE_NAMES.length) {
    void exitAfterStopping(1, `${name} stopped too (${describeExit(status)}); no service is left, stopping PostgreSQL.`);
    return;
  }
  console.error(`${name} stopped (${describeExit(status)}); the other services keep running. Ctrl-C stops everything.`);
}

function exitAfterStopping(code: number, message?: string): Promise<void> {
  exiting ??= (async () => {
    if (message) console.error(message);
    await stack?.stop();
    exit(code, code === 0 ? 'Stopped.' : undefined);
  })();
  return exiting;
}

function exit(code: number, message?: string): never {
  if (message) console.error(message);
  process.exit(code);
}

await main();
