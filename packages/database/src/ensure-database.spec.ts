import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ensureDatabase } from './ensure-database.js';
import { startTestPostgres, type TestPostgres } from './test-postgres.test-support.js';

describe('ensureDatabase', () => {
  let server: TestPostgres;

  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(() => server?.stop());

  it('creates a missing database, and accepts one that exists', async () => {
    await ensureDatabase(server.url('shop'));
    await ensureDatabase(server.url('shop'));
    expect(await databases()).toContain('shop');
  });

  it('tolerates several processes creating the same database at once', async () => {
    await Promise.all(Array.from({ length: 4 }, () => ensureDatabase(server.url('forum'))));
    expect(await databases()).toContain('forum');
  });

  it('quotes the name, so any name is one identifier and never SQL', async () => {
    const name = 'we"ird; DROP DATABASE shop; --';
    await ensureDatabase(server.url(encodeURIComponent(name)));
    expect(await databases()).toEqual(expect.arrayContaining([name, 'shop']));
  });

  async function databases(): Promise<string[]> {
    const client = new pg.Client({ connectionString: server.url('postgres') });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
      return rows.map((row) => row.datname);
    } finally {
      await client.end();
    }
  }
});
