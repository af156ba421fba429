import type { RunningStack, ServiceName } from '@sso/stack';
import { readFile } from 'node:fs/promises';

/** The JSON lines a service of a test stack has logged so far (pino: one object per line). */
export async function serviceLogLines(stack: RunningStack, service: ServiceName): Promise<Array<Record<string, any>>> {
  const file = stack.logFile(service);
  if (file === undefined) throw new Error('the stack logs to the terminal, not to files');
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
}
