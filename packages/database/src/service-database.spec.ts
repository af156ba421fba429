import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from './apply-migrations.js';
import { ensureDatabase } from './ensure-database.js';
import { prepareDatabase } from './prepare-database.js';
import { provisionServiceDatabase } from './service-database.js';
import { startTestPostgres, type TestPostgres } from './test-postgres.test-support.js';

describe('provisionServiceDatabase (the privileged step)', () => {
  let server: TestPostgres;
  let adminUrl: string;
  let count = 0;

  beforeAll(async () => {
    server = await startTestPostgres();
    adminUrl = server.url('postgres');
  });
  afterAll(() => server?.stop());

  /** A fresh service's URL: role and database `<name>_<n>`, its own password. */
  function serviceUrl(name = 'svc', password = `pw-${name}-${++count}`): string {
    const role = `${name}_${count}`;
    return server.url(role).replace('postgres:postgres@', `${role}:${password}@`);
  }

  it('makes a login role that owns its database and may do nothing else', async () => {
    const shop = serviceUrl('shop');
    await provisionServiceDatabase(adminUrl, shop);

    const role = new URL(shop).username;
    expect(await query(adminUrl, 'SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1', [role])).toEqual([
      { rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false },
    ]);
    expect(await query(adminUrl, 'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [role])).toEqual([{ owner: role }]);
    expect(await query(shop, 'CREATE TABLE orders (id int); INSERT INTO orders VALUES (1); SELECT id FROM orders')).toEqual([{ id: 1 }]);
  });

  it("keeps every role out of every other service's database", async () => {
    const auth = serviceUrl('auth');
    const shop = serviceUrl('shop');
    await provisionServiceDatabase(adminUrl, auth);
    await provisionServiceDatabase(adminUrl, shop);

    const authDatabaseAsShop = shop.replace(/\/[^/]+$/, `/${new URL(auth).username}`);
    await expect(query(authDatabaseAsShop, 'SELECT 1')).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/^permission denied for database/) });
  });

  it.each([
    ['run a program on the database host', "COPY (SELECT 1) TO PROGRAM 'id'"],
    ['read a file of the database host', "SELECT pg_read_file('/etc/hostname')"],
    ['create a database', 'CREATE DATABASE stolen'],
    ['create a role', 'CREATE ROLE accomplice LOGIN'],
    ['make itself a superuser', 'ALTER ROLE CURRENT_USER SUPERUSER'],
  ])('refuses to let a service %s', async (_what, sql) => {
    const shop = serviceUrl('shop');
    await provisionServiceDatabase(adminUrl, shop);
    await expect(query(shop, sql)).rejects.toMatchObject({ code: '42501' });
  });

  it('sets the password and takes back added privileges on every run', async () => {
    const first = serviceUrl('forum', 'first-password');
    const second = first.replace('first-password', 'second-password');
    await provisionServiceDatabase(adminUrl, first);
    await query(adminUrl, `ALTER ROLE ${new URL(first).username} CREATEDB`);

    await provisionServiceDatabase(adminUrl, second);
    await expect(query(first, 'SELECT 1')).rejects.toMatchObject({ code: '28P01' }); // invalid_password
    expect(await query(second, 'SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user')).toEqual([{ rolcreatedb: false }]);
  });

  it('stores only a SCRAM verifier, never the password', async () => {
    const helpdesk = serviceUrl('helpdesk', 'a-password-to-hide');
    await provisionServiceDatabase(adminUrl, helpdesk);
    const [{ rolpassword }] = await query(adminUrl, 'SELECT rolpassword FROM pg_authid WHERE rolname = $1', [new URL(helpdesk).username]);
    expect(rolpassword).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(rolpassword).not.toContain('a-password-to-hide');
  });

  it('refuses to turn the administrator into a service role', async () => {
    await expect(provisionServiceDatabase(adminUrl, server.url('shared'))).rejects.toThrow(
      'Could not prepare postgresql://postgres:***@127.0.0.1:',
    );
    expect(await query(adminUrl, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).toEqual([{ rolsuper: true }]);
  });

  it('hands over a database the superuser filled before services had roles', async () => {
    const legacy = serviceUrl('legacy');
    const asAdmin = server.url(new URL(legacy).pathname.slice(1));
    await ensureDatabase(asAdmin);
    const migrations = await migrationsFolder({
      '20250101000000_init': `CREATE TYPE "Role" AS ENUM ('customer', 'admin');
        CREATE TABLE "Product" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL, "role" "Role" NOT NULL DEFAULT 'customer');
        CREATE TABLE "Counter" ("id" INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
        CREATE SEQUENCE "standalone";`,
    });
    try {
      await applyMigrations(asAdmin, migrations.dir);
      await provisionServiceDatabase(adminUrl, legacy);
      await provisionServiceDatabase(adminUrl, legacy); // nothing left to hand over: no error

      expect(await query(legacy, `INSERT INTO "Product" ("name") VALUES ('Mug') RETURNING id, role`)).toEqual([{ id: 1, role: 'customer' }]);
      expect(await query(legacy, 'INSERT INTO "Counter" DEFAULT VALUES RETURNING id')).toEqual([{ id: 1 }]);
      expect(await query(legacy, `SELECT nextval('standalone')::int AS next`)).toEqual([{ next: 1 }]);
      await migrations.add('20250102000000_price', 'ALTER TABLE "Product" ADD COLUMN "priceCents" INTEGER;');
      expect(await applyMigrations(legacy, migrations.dir)).toEqual(['20250102000000_price']);
    } finally {
      await migrations.remove();
    }
  });

  it('lets the service migrate its database without any right to create one', async () => {
    const shop = serviceUrl('shop');
    await provisionServiceDatabase(adminUrl, shop);
    const migrations = await migrationsFolder({ '20250101000000_init': 'CREATE TABLE "Product" ("id" SERIAL PRIMARY KEY);' });
    // Not even the maintenance database is open to it, where a CREATE DATABASE would be sent.
    await query(adminUrl, 'REVOKE CONNECT ON DATABASE postgres FROM PUBLIC');
    try {
      expect(await prepareDatabase({ databaseUrl: shop, migrationsDir: migrations.dir })).toEqual(['20250101000000_init']);
    } finally {
      await query(adminUrl, 'GRANT CONNECT ON DATABASE postgres TO PUBLIC');
      await migrations.remove();
    }
  });

  describe('as the one-shot database-setup of docker compose', () => {
    const script = new URL('../dist/provision-service-databases.js', import.meta.url).pathname;

    it('provisions every service URL it is given', async () => {
      const urls = [serviceUrl('auth'), serviceUrl('shop')];
      const run = await runScript({ ADMIN_DATABASE_URL: adminUrl, SERVICE_DATABASE_URLS: urls.join(', ') }); // as compose folds them
      expect(run).toEqual({
        code: 0,
        stdout: urls.map((url) => `database-setup: role ${new URL(url).username} owns database ${new URL(url).username}\n`).join(''),
        stderr: '',
      });
      for (const url of urls) expect(await query(url, 'SELECT current_user = current_database() AS own')).toEqual([{ own: true }]);
    });

    it('stops in one line, without the password, when the privileged step fails', async () => {
      const wrongAdmin = adminUrl.replace('postgres:postgres@', 'postgres:not-the-password@');
      const run = await runScript({ ADMIN_DATABASE_URL: wrongAdmin, SERVICE_DATABASE_URLS: serviceUrl('shop', 'secret-of-shop') });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^database-setup: failed: Could not prepare postgresql:\/\/shop_\d+:\*\*\*@[^\n]*password authentication failed[^\n]*\n$/);
      expect(run.stderr).not.toMatch(/not-the-password|secret-of-shop/);
    });

    it('names a missing setting in one line', async () => {
      const run = await runScript({ ADMIN_DATABASE_URL: adminUrl });
      expect(run).toMatchObject({ code: 1, stderr: 'database-setup: invalid configuration: SERVICE_DATABASE_URLS is required but not set\n' });
    });

    function runScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
    }
  });
});

async function query(url: string, sql: string, values: unknown[] = []): Promise<Record<string, any>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql, values);
    return Array.isArray(result) ? result.at(-1).rows : result.rows;
  } finally {
    await client.end();
  }
}

async function migrationsFolder(migrations: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'sso-provision-'));
  const add = async (name: string, sql: string) => {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  };
  for (const [name, sql] of Object.entries(migrations)) await add(name, sql);
  return { dir, add, remove: () => rm(dir, { recursive: true, force: true }) };
}
