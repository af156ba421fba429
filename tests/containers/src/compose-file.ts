// docker-compose.yml as compose itself reads it: YAML with anchors and merge keys (`<<: *service`),
// `${VARIABLE}` interpolation from `.env`, and profiles. Only what the parity and scale-out tests
// need, each rule as the Compose specification states it:
// https://github.com/compose-spec/compose-spec/blob/main/spec.md#interpolation
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repositoryRoot } from './repository.js';

export const COMPOSE_FILE = join(repositoryRoot, 'docker-compose.yml');

export interface ComposeService {
  image?: string;
  build?: { context?: string; args?: Record<string, string> };
  command?: string[];
  working_dir?: string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  restart?: string;
  volumes?: string[];
}

export interface ComposeDocument {
  services: Record<string, ComposeService>;
}

/** The compose file as parsed YAML, merge keys applied, nothing interpolated yet. */
export async function readComposeDocument(file = COMPOSE_FILE): Promise<ComposeDocument> {
  return parse(await readFile(file, 'utf8'), { merge: true }) as ComposeDocument;
}

/** Thrown for a `${VARIABLE:?message}` whose variable is unset or empty, as `docker compose` refuses to start. */
export class MissingVariableError extends Error {
  override readonly name = 'MissingVariableError';
}

const REFERENCE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * One value interpolated: `$$` is a literal `$`; `${NAME}` and `$NAME` its value or empty;
 * `${NAME:-default}` (unset or empty) and `${NAME-default}` (unset) a default; `${NAME:?error}` and
 * `${NAME?error}` refuse likewise.
 */
export function interpolate(text: string, variables: Record<string, string | undefined>): string {
  return text.replace(REFERENCE, (whole, braced: string | undefined, operator: string | undefined, operand: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = variables[name];
    const missing = operator?.startsWith(':') ? value === undefined || value === '' : value === undefined;
    if (operator?.endsWith('-')) return missing ? operand! : value!;
    if (operator?.endsWith('?') && missing) throw new MissingVariableError(`required variable ${name} is missing a value: ${operand}`);
    return value ?? '';
  });
}

/** The services `docker compose --profile …` would start: those without profiles, and those of an active profile. */
export function activeServices(document: ComposeDocument, profiles: readonly string[] = []): Record<string, ComposeService> {
  return Object.fromEntries(
    Object.entries(document.services).filter(([, service]) => !service.profiles || service.profiles.some((profile) => profiles.includes(profile))),
  );
}

/** Every string in the document interpolated (compose interpolates values, never keys); numbers and flags as strings in `environment`. */
export function resolveServices(services: Record<string, ComposeService>, variables: Record<string, string | undefined>): Record<string, ComposeService> {
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolate(value, variables);
    if (Array.isArray(value)) return value.map(resolve);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
    return value;
  };
  return Object.fromEntries(
    Object.entries(services).map(([name, service]) => {
      const resolved = resolve(service) as ComposeService;
      const environment = Object.fromEntries(Object.entries(resolved.environment ?? {}).map(([key, value]) => [key, value === null ? '' : String(value)]));
      return [name, { ...resolved, environment }];
    }),
  );
}
