import { z } from 'zod';
import { printableValue } from './printable-value.js';

/** Thrown when the environment does not satisfy a service's schema; the message is one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates `env` against `schema` once, at boot. Empty strings count as unset, so `PORT=` falls
 * back to the default instead of failing as "not a number".
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(describeIssues(result.error, present));
}

/**
 * Like {@link loadConfig}, but on failure prints one line naming the bad variables and ends the
 * process: misconfiguration stops a service at boot, never with a stack trace.
 */
export function loadConfigOrExit<S extends z.ZodType>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
}

function describeIssues(error: z.ZodError, env: Record<string, string | undefined>): string {
  return error.issues
    .map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      const value = env[variable];
      // A rule across variables (`custom`) says itself when the variable is needed.
      if (value === undefined) return issue.code === 'custom' ? `${variable} ${issue.message}` : `${variable} is required but not set`;
      const shown = printableValue(variable, value);
      return `${variable}: ${issue.message} ${shown === undefined ? '(value not shown)' : `(got ${JSON.stringify(shown)})`}`;
    })
    .join('; ');
}
