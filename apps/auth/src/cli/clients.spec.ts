import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { authConfigSchema } from '../config.js';
import { clientSecretMatches } from '../clients/client-secret.js';
import { PrismaService } from '../prisma/prisma.service.js';

// The built CLI (`npm run clients`), run as a user runs it, against a real migrated database.
const CLI = fileURLToPath(new URL('../../dist/cli/clients.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the clients CLI', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    prisma = new PrismaService(authConfigSchema.parse({ DATABASE_URL: database.url }));
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.stop();
  });

  const run = (args: string[], env: Record<string, string | undefined> = {}): Promise<Run> =>
    new Promise((resolve) => {
      const environment: Record<string, string | undefined> = { ...process.env, DATABASE_URL: database.url, CLIENT_SECRET: undefined, ...env };
      for (const [name, value] of Object.entries(environment)) if (value === undefined) delete environment[name];
      execFile(process.execPath, [CLI, ...args], { env: environment, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });

  it('creates a client, prints its secret once, and stores only the secret’s hash', async () => {
    const created = await run(['create', '--name', 'reporting', '--scope', 'orders:read', '--audience', 'shop', '--json']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const reply = JSON.parse(created.stdout) as { client_id: string; client_secret: string; scope: string[]; audience: string[] };
    expect(Object.keys(reply).sort()).toEqual(['audience', 'client_id', 'client_secret', 'scope']);
    expect(reply).toMatchObject({ client_id: expect.stringMatching(/^reporting-[0-9a-f]{12}$/), scope: ['orders:read'], audience: ['shop'] });
    expect(reply.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = await prisma.oAuthClient.findUniqueOrThrow({ where: { clientId: reply.client_id } });
    expect(row.secretHash).not.toContain(reply.client_secret);
    expect(clientSecretMatches(reply.client_secret, row.secretHash)).toBe(true);

    const readable = await run(['create', '--name', 'Nightly Export', '--scope', 'orders:read orders:write', '--audience', 'shop,helpdesk']);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toMatch(/^Created client nightly-export-[0-9a-f]{12} \(Nightly Export\)\n  scope: +orders:read orders:write\n  audience: +shop helpdesk\n  secret: +\S{43}\n/);
  });

  it('lists clients newest first, without secrets, as a table or as JSON', async () => {
    const listed = await run(['list', '--json']);
    expect(listed.code).toBe(0);
    const clients = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(clients.map((client) => client.name)).toEqual(['Nightly Export', 'reporting']);
    expect(Object.keys(clients[0]!).sort()).toEqual(['audience', 'client_id', 'created_at', 'name', 'revoked_at', 'scope']);
    const table = await run(['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^CLIENT ID +NAME +SCOPE +AUDIENCE +CREATED +REVOKED$/);
    expect(table.stdout).toContain('reporting');
  });

  it('revokes a client, keeping its row; an unknown id fails with one line and exit 1', async () => {
    const [reporting] = (JSON.parse((await run(['list', '--json'])).stdout) as Array<{ client_id: string; name: string }>).filter((client) => client.name === 'reporting');
    const revoked = await run(['revoke', reporting!.client_id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('stay valid until they expire');
    expect((await prisma.oAuthClient.findUniqueOrThrow({ where: { clientId: reporting!.client_id } })).revokedAt).toBeInstanceOf(Date);

    const unknown = await run(['revoke', 'no-such-client']);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'clients: no client "no-such-client"\n' });
  });

  it('ensures a client idempotently with the secret from CLIENT_SECRET, printing no secret', async () => {
    const secret = 'a'.repeat(20) + 'B'.repeat(23);
    const args = ['ensure', '--client-id', 'helpdesk', '--name', 'helpdesk', '--scope', 'orders:read', '--audience', 'shop'];
    const first = await run(args, { CLIENT_SECRET: secret });
    expect(first).toEqual({ code: 0, stdout: 'Created client helpdesk (scope orders:read, audience shop)\n', stderr: '' });
    const again = await run(args, { CLIENT_SECRET: secret });
    expect(again.stdout).toBe('Updated client helpdesk (scope orders:read, audience shop)\n');

    const rotated = `${secret}-rotated`;
    const changed = await run(['ensure', '--client-id', 'helpdesk', '--name', 'Helpdesk', '--scope', 'orders:read', '--scope', 'tickets:read', '--audience', 'shop', '--json'], { CLIENT_SECRET: rotated });
    expect(JSON.parse(changed.stdout)).toEqual({ client_id: 'helpdesk', outcome: 'updated' });
    const row = await prisma.oAuthClient.findUniqueOrThrow({ where: { clientId: 'helpdesk' } });
    expect(row).toMatchObject({ name: 'Helpdesk', scopes: ['orders:read', 'tickets:read'], audiences: ['shop'] });
    expect(clientSecretMatches(rotated, row.secretHash)).toBe(true);
    expect(clientSecretMatches(secret, row.secretHash)).toBe(false);
    expect(await prisma.oAuthClient.count({ where: { clientId: 'helpdesk' } })).toBe(1);
  });

  it.each([
    [['ensure', '--client-id', 'helpdesk', '--name', 'h', '--scope', 'orders:read', '--audience', 'shop'], {}, /CLIENT_SECRET variable, which is not set/],
    [['ensure', '--client-id', 'helpdesk', '--name', 'h', '--scope', 'orders:read', '--audience', 'shop'], { CLIENT_SECRET: 'short' }, /CLIENT_SECRET must be 32 to 256/],
    [['ensure', '--client-id', 'helpdesk', '--client-secret', 'x'.repeat(40)], {}, /never from the command line/],
    [['ensure', '--client-id', 'sso-web', '--name', 'web', '--scope', 'a', '--audience', 'shop'], { CLIENT_SECRET: 'x'.repeat(40) }, /reserved/],
    [['ensure', '--client-id', '0b7f6a52-6f1e-4a39-9d53-0d0b1d0a8e11', '--name', 'u', '--scope', 'a', '--audience', 'shop'], { CLIENT_SECRET: 'x'.repeat(40) }, /must not look like a UUID/],
    [['create', '--name', 'x', '--scope', 'orders:read', '--audience', 'billing'], {}, /audience "billing" must be one of shop, helpdesk, forum/],
    [['create', '--name', 'x', '--audience', 'shop'], {}, /scope must name at least one scope/],
    [['create', '--scope', 'a', '--audience', 'shop'], {}, /--name is required/],
    [['launch'], {}, /unknown command "launch"/],
  ])('refuses %p with one clear line and exit 1', async (args, env, message) => {
    const result = await run(args, env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('leaves a revoked client revoked when ensured again', async () => {
    const env = { CLIENT_SECRET: 'y'.repeat(43) };
    const args = ['ensure', '--client-id', 'retired', '--name', 'retired', '--scope', 'orders:read', '--audience', 'shop'];
    expect((await run(args, env)).code).toBe(0);
    expect((await run(['revoke', 'retired'])).code).toBe(0);
    const again = await run(args, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^clients: client "retired" is revoked/);
    expect((await prisma.oAuthClient.findUniqueOrThrow({ where: { clientId: 'retired' } })).revokedAt).not.toBeNull();
  });

  it('without DATABASE_URL, uses the auth database of the stack `npm start` runs, on PG_PORT', async () => {
    const port = new URL(database.url).port;
    const listed = await run(['list', '--json'], { DATABASE_URL: undefined, PG_PORT: port });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('says in one line when no database answers, without printing a password', async () => {
    const result = await run(['list'], { DATABASE_URL: 'postgresql://auth:hunter2hunter2@127.0.0.1:1/auth' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("clients: cannot reach auth's database at 127.0.0.1:1/auth: is `npm start` running? (or set DATABASE_URL)\n");
  });
});
