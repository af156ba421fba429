import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, SERVICE_NAMES, startTestStack } from '@sso/stack';
import pg from 'pg';
import { ALICE } from './support/demo.js';
import { sessionLogin } from './support/cookie-logins.js';

// What a service's database credentials are worth to whoever steals them (OWASP Database Security
// Cheat Sheet: least privilege). Each service logs in as a role of its own, owning its database and
// nothing else; in shared-store mode the resource services read auth's sessions as a reader that
// sees exactly what that lookup needs.
describe("each service's database role reaches its own data only", () => {
  let stack: RunningStack;
  const permissionDenied = { code: '42501' };

  beforeAll(async () => {
    stack = await startTestStack({ SESSION_MODE: 'shared-store' });
    await sessionLogin(stack, ALICE); // one live session row for the reader to find
  });
  afterAll(() => stack?.stop());

  const otherDatabase = (url: string, database: string) => url.replace(/\/\w+$/, `/${database}`);

  it("refuses shop's role a connection to auth's database, so auth's signing keys are out of its reach", async () => {
    for (const database of SERVICE_NAMES.filter((name) => name !== 'shop')) {
      await expect(query(otherDatabase(stack.databaseUrls.shop, database), 'SELECT 1')).rejects.toMatchObject(permissionDenied);
    }
  });

  it.each([
    ['run a program on the database host', "COPY (SELECT 1) TO PROGRAM 'id'"],
    ['create a database', 'CREATE DATABASE stolen'],
    ['create a role', 'CREATE ROLE accomplice LOGIN'],
  ])("refuses shop's role to %s", async (_what, sql) => {
    await expect(query(stack.databaseUrls.shop, sql)).rejects.toMatchObject(permissionDenied);
  });

  it('makes no service a superuser', async () => {
    const roles = await query(stack.databaseUrls.shop, "SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname", [
      [...SERVICE_NAMES, 'session_reader'],
    ]);
    expect(roles).toEqual(
      ['auth', 'forum', 'helpdesk', 'session_reader', 'shop'].map((rolname) => ({ rolname, rolsuper: false, rolcreatedb: false, rolcreaterole: false })),
    );
  });

  it('lets the session reader read the sessions, their secret and four user columns', async () => {
    const reader = stack.sessionReaderUrl;
    expect(await query(reader, 'SELECT count(*)::int > 0 AS some FROM sessions')).toEqual([{ some: true }]);
    expect(await query(reader, 'SELECT count(*)::int AS rows FROM session_secrets')).toEqual([{ rows: 1 }]);
    expect(await query(reader, 'SELECT id, email, name, roles FROM users WHERE email = $1', [ALICE])).toEqual([
      { id: expect.any(String), email: ALICE, name: 'Alice', roles: '{customer}' },
    ]);
  });

  it.each([
    ['password hashes', 'SELECT password_hash FROM users'],
    ['whole user rows', 'SELECT * FROM users'],
    ['signing keys', 'SELECT private_key FROM signing_keys'],
    ['refresh tokens', 'SELECT token_hash FROM refresh_tokens'],
    ['refresh-token families', 'SELECT id FROM refresh_token_families'],
    ['a new session', "INSERT INTO sessions (sid, sess, expire) VALUES ('forged', '{}', now() + interval '1 day')"],
    ['a changed user', "UPDATE users SET roles = '{admin}'"],
    ['a deleted session', 'DELETE FROM sessions'],
  ])('refuses the session reader %s', async (_what, sql) => {
    await expect(query(stack.sessionReaderUrl, sql)).rejects.toMatchObject(permissionDenied);
  });

  it("refuses the session reader every other service's database", async () => {
    await expect(query(otherDatabase(stack.sessionReaderUrl, 'shop'), 'SELECT 1')).rejects.toMatchObject(permissionDenied);
  });

  it("keeps auth's private key encrypted in auth's database", async () => {
    const keys = await query(stack.databaseUrls.auth, 'SELECT private_key FROM signing_keys');
    expect(keys).toEqual([{ private_key: expect.stringMatching(/^v1:[A-Za-z0-9+/]+={0,2}$/) }]);
  });
});

async function query(url: string, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}
