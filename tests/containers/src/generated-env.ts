import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from './repository.js';

/** What a user's `.env` holds after following `.env.example`: every variable it lists, each a fresh random hex secret. */
export async function generatedEnv(): Promise<Record<string, string>> {
  const example = await readFile(join(repositoryRoot, '.env.example'), 'utf8');
  const names = [...example.matchAll(/^([A-Z_]+)=$/gm)].map((match) => match[1]!);
  return Object.fromEntries(names.map((name) => [name, randomBytes(32).toString('hex')]));
}

/** The same as the text of a `.env` file. */
export function dotEnvText(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `${name}=${value}\n`)
    .join('');
}
