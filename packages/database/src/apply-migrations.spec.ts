import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from './apply-migrations.js';
import { ensureDatabase } from './ensure-database.js';
import { MigrationError } from './migration-error.js';
import { prepareDatabase } from './prepare-database.js';
import { startTestPostgres, type TestPostgres } from './test-postgres.test-support.js';

const INIT = 'CREATE TABLE "Product" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);\n';
const ADD_PRICE = 'ALTER TABLE "Product" ADD COLUMN "priceCents" INTEGER NOT NULL DEFAULT 0;\n';

describe('applyMigrations', () => {
  let server: TestPostgres;
  let migrationsDir: string;
  let databaseUrl: string;
  let databaseCount = 0;

  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(() => server?.stop());

  beforeEach(async () => {
    migrationsDir = await mkdtemp(join(tmpdir(), 'sso-migrations-'));
    databaseUrl = server.url(`app_${++databaseCount}`);
    await ensureDatabase(databaseUrl);
    await writeMigration('20250101000000_init', INIT);
    await writeMigration('20250102000000_add_price', ADD_PRICE);
    await writeFile(join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  });
  afterEach(() => rm(migrationsDir, { recursive: true, force: true }));

  it('applies every migration in order and records it as Prisma does', async () => {
    expect(await applyMigrations(databaseUrl, migrationsDir)).toEqual(['20250101000000_init', '20250102000000_add_price']);

    const rows = await query(
      'SELECT id, checksum, migration_name, logs, rolled_back_at, started_at, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows).toEqual([
      expectedRow('20250101000000_init', INIT),
      expectedRow('20250102000000_add_price', ADD_PRICE),
    ]);
    await query('INSERT INTO "Product" ("name", "priceCents") VALUES ($1, $2)', ['Mug', 1200]);
  });

  it('applies nothing the second time', async () => {
    await applyMigrations(databaseUrl, migrationsDir);
    expect(await applyMigrations(databaseUrl, migrationsDir)).toEqual([]);
    expect(await query('SELECT 1 FROM "_prisma_migrations"')).toHaveLength(2);
  });

  it('applies only what is new', async () => {
    await applyMigrations(databaseUrl, migrationsDir);
    await writeMigration('20250103000000_add_stock', 'ALTER TABLE "Product" ADD COLUMN "stock" INTEGER;\n');
    expect(await applyMigrations(databaseUrl, migrationsDir)).toEqual(['20250103000000_add_stock']);
  });

  it('applies each migration exactly once when two processes start at the same time', async () => {
    const [first, second] = await Promise.all([
      applyMigrations(databaseUrl, migrationsDir),
      applyMigrations(databaseUrl, migrationsDir),
    ]);
    expect([...first, ...second].sort()).toEqual(['20250101000000_init', '20250102000000_add_price']);
    expect(await query('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name')).toEqual([
      { migration_name: '20250101000000_init' },
      { migration_name: '20250102000000_add_price' },
    ]);
  });

  it('refuses to go on when an applied migration was edited', async () => {
    await applyMigrations(databaseUrl, migrationsDir);
    await writeMigration('20250101000000_init', INIT.replace('TEXT', 'VARCHAR(100)'));
    await expect(applyMigrations(databaseUrl, migrationsDir)).rejects.toMatchObject({
      name: 'MigrationError',
      reason: 'checksum-mismatch',
      migrationName: '20250101000000_init',
      message: expect.stringContaining('20250101000000_init'),
    });
  });

  it('accepts an applied migration whose only change is CRLF line endings, as Prisma does', async () => {
    await applyMigrations(databaseUrl, migrationsDir);
    await writeMigration('20250101000000_init', INIT.replaceAll('\n', '\r\n'));
    expect(await applyMigrations(databaseUrl, migrationsDir)).toEqual([]);
  });

  it('rolls a failing migration back completely and records nothing for it', async () => {
    await writeMigration(
      '20250103000000_broken',
      'CREATE TABLE "Order" ("id" SERIAL PRIMARY KEY);\nALTER TABLE "Nowhere" ADD COLUMN "x" INTEGER;\n',
    );
    const failure = await applyMigrations(databaseUrl, migrationsDir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect(failure).toMatchObject({ reason: 'failed', migrationName: '20250103000000_broken' });
    expect((failure as Error).message).toMatch(/^Migration 20250103000000_broken failed and was rolled back: .*"Nowhere"/);

    expect(await query(`SELECT to_regclass('"Order"') AS "table"`)).toEqual([{ table: null }]);
    expect(await query('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name')).toEqual([
      { migration_name: '20250101000000_init' },
      { migration_name: '20250102000000_add_price' },
    ]);
  });

  it('names a migration folder without a migration.sql', async () => {
    await mkdir(join(migrationsDir, '20250104000000_empty'));
    await expect(applyMigrations(databaseUrl, migrationsDir)).rejects.toMatchObject({
      reason: 'missing-script',
      migrationName: '20250104000000_empty',
    });
  });

  it('creates the database and migrates it in one call', async () => {
    const freshUrl = server.url('fresh');
    expect(await prepareDatabase({ databaseUrl: freshUrl, migrationsDir })).toHaveLength(2);
    expect(await prepareDatabase({ databaseUrl: freshUrl, migrationsDir })).toEqual([]);
  });

  async function writeMigration(name: string, sql: string): Promise<void> {
    await mkdir(join(migrationsDir, name), { recursive: true });
    await writeFile(join(migrationsDir, name, 'migration.sql'), sql);
  }

  async function query(sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  }
});

function expectedRow(name: string, sql: string): Record<string, unknown> {
  return {
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    checksum: createHash('sha256').update(sql).digest('hex'),
    migration_name: name,
    logs: null,
    rolled_back_at: null,
    started_at: expect.any(Date),
    finished_at: expect.any(Date),
    applied_steps_count: 1,
  };
}
