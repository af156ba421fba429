import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStackSecrets } from './stack-secrets.js';

describe('loadStackSecrets', () => {
  let dataDir: string;
  const file = () => join(dataDir, 'secrets.json');

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'sso-secrets-')), '.data');
  });
  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }));

  it('makes a password per role, an encryption key and helpdesk’s client secret, each 32 random bytes', async () => {
    const secrets = await loadStackSecrets(dataDir, true);
    expect(Object.keys(secrets.databasePasswords)).toEqual(['auth', 'shop', 'helpdesk', 'forum', 'session_reader']);
    for (const password of Object.values(secrets.databasePasswords)) expect(Buffer.from(password, 'base64url')).toHaveLength(32);
    expect(new Set(Object.values(secrets.databasePasswords)).size).toBe(5);
    expect(secrets.signingKeyEncryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(secrets.helpdeskClientSecret, 'base64url')).toHaveLength(32);
  });

  it('writes them once, for the owner only, and reads the same ones back', async () => {
    const first = await loadStackSecrets(dataDir, true);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect(await loadStackSecrets(dataDir, true)).toEqual(first);
  });

  it('takes read access back from others on a file that had it', async () => {
    await loadStackSecrets(dataDir, true);
    await chmod(file(), 0o644);
    await loadStackSecrets(dataDir, true);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
  });

  it('keeps what is stored and adds only what is missing', async () => {
    await writeFile(join(await ensureDir(dataDir), 'secrets.json'), JSON.stringify({ databasePasswords: { auth: 'kept' }, signingKeyEncryptionKey: 'ab'.repeat(32) }));
    const secrets = await loadStackSecrets(dataDir, true);
    expect(secrets.databasePasswords.auth).toBe('kept');
    expect(secrets.signingKeyEncryptionKey).toBe('ab'.repeat(32));
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual(secrets);
  });

  it('names a damaged file instead of replacing the secrets in it', async () => {
    await writeFile(join(await ensureDir(dataDir), 'secrets.json'), '{"databasePasswords": ');
    await expect(loadStackSecrets(dataDir, true)).rejects.toThrow(`${file()} is not the JSON object the stack wrote.`);
  });

  it('gives a stack that keeps nothing new secrets each time, written nowhere', async () => {
    const [first, second] = [await loadStackSecrets(dataDir, false), await loadStackSecrets(dataDir, false)];
    expect(first.signingKeyEncryptionKey).not.toBe(second.signingKeyEncryptionKey);
    expect(first.databasePasswords.shop).not.toBe(second.databasePasswords.shop);
    expect(first.helpdeskClientSecret).not.toBe(second.helpdeskClientSecret);
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

async function ensureDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return dir;
}
