import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';

/** The reader of auth's session tables, for resource services in `SESSION_MODE=shared-store`. */
export const SESSION_READER_ROLE = 'session_reader';

/** Every role the stack creates: one per service, and the session reader. */
export type DatabaseRole = ServiceName | typeof SESSION_READER_ROLE;

const DATABASE_ROLES: readonly DatabaseRole[] = [...SERVICE_NAMES, SESSION_READER_ROLE];

export interface StackSecrets {
  /** Each role's PostgreSQL password: 32 random bytes, base64url (safe inside a URL). */
  databasePasswords: Record<DatabaseRole, string>;
  /** auth's `SIGNING_KEY_ENCRYPTION_KEY`, which encrypts its signing keys at rest: 32 random bytes, hex. */
  signingKeyEncryptionKey: string;
  /** helpdesk's client secret at auth (client credentials, to read orders from shop): 32 random bytes, base64url. */
  helpdeskClientSecret: string;
}

/** Owner read and write only: the file holds every service's database password. */
const OWNER_ONLY = 0o600;

/**
 * The stack's secrets. Persistent (`npm start`): read from `<dataDir>/secrets.json`, made on the
 * first start (mode 0600), and completed if a newer version needs one more, so a restart keeps
 * every password and the key that decrypts auth's signing key. Otherwise (tests): new random
 * secrets, never written down.
 */
export async function loadStackSecrets(dataDir: string, persistent: boolean): Promise<StackSecrets> {
  if (!persistent) return complete({});
  const path = join(dataDir, 'secrets.json');
  const stored = await readStored(path);
  const secrets = complete(stored);
  if (JSON.stringify(secrets) !== JSON.stringify(stored)) await writeOwnerOnly(path, secrets);
  await chmod(path, OWNER_ONLY); // also when an older copy of the file was made readable to others
  return secrets;
}

function complete(stored: Partial<StackSecrets>): StackSecrets {
  const passwords: Partial<Record<DatabaseRole, string>> = stored.databasePasswords ?? {};
  return {
    databasePasswords: Object.fromEntries(
      DATABASE_ROLES.map((role) => [role, passwords[role] ?? randomBytes(32).toString('base64url')]),
    ) as Record<DatabaseRole, string>,
    signingKeyEncryptionKey: stored.signingKeyEncryptionKey ?? randomBytes(32).toString('hex'),
    helpdeskClientSecret: stored.helpdeskClientSecret ?? randomBytes(32).toString('base64url'),
  };
}

async function readStored(path: string): Promise<Partial<StackSecrets>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const stored: unknown = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  })();
  if (typeof stored !== 'object' || stored === null) {
    throw new Error(`${path} is not the JSON object the stack wrote. Restore it, or delete the whole data directory to start afresh.`);
  }
  return stored as Partial<StackSecrets>;
}

// Written beside and renamed over, so an interrupted write never leaves half a file.
async function writeOwnerOnly(path: string, secrets: StackSecrets): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(secrets, null, 2)}\n`, { mode: OWNER_ONLY });
  await rename(partial, path);
}
