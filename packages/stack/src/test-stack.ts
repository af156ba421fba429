import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './free-port.js';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';
import { startStack, type RunningStack, type StackOptions } from './stack.js';

/** What a test may choose besides the environment; `ports` for services it must know in advance (a proxy in front of auth). */
export type TestStackOverrides = Pick<StackOptions, 'repoRoot' | 'onUnexpectedExit' | 'postgresSettings' | 'serviceEnv'> & {
  ports?: Partial<Record<ServiceName, number>>;
};

/**
 * The whole stack for a test: a fresh temporary directory, free ports, logs in files (see
 * `logFile`). `stop()` stops every process and deletes the directory.
 */
export async function startTestStack(
  env: Record<string, string> = {},
  { ports: chosenPorts = {}, ...overrides }: TestStackOverrides = {},
): Promise<RunningStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sso-stack-'));
  try {
    const [pgPort, ...servicePorts] = await freePorts(1 + SERVICE_NAMES.length);
    const ports = Object.fromEntries(SERVICE_NAMES.map((name, index) => [name, chosenPorts[name] ?? servicePorts[index]!])) as Record<ServiceName, number>;
    const stack = await startStack({ dataDir, persistent: false, pgPort: pgPort!, ports, env, logs: 'file', ...overrides });
    return {
      ...stack,
      async stop() {
        await stack.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
