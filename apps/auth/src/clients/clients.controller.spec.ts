import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { basicAuthorization, loginAs, postForm, postJson, startAuthApp, type TestAuthApp } from '../auth-app.test-support.js';

// The admin endpoints for applications, over HTTP, with real logins.
describe('/auth/clients', () => {
  let auth: TestAuthApp;
  let admin: string;
  let customer: string;

  beforeAll(async () => {
    auth = await startAuthApp();
    admin = await loginAs(auth, 'carol@example.test', { admin: true });
    customer = await loginAs(auth, 'alice@example.test');
  });
  afterAll(() => auth?.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const create = (body: unknown, token = admin) => postJson(`${auth.url}/auth/clients`, body, bearer(token));
  const list = (token = admin) => fetch(`${auth.url}/auth/clients`, { headers: bearer(token) });
  const revoke = (clientId: string, token = admin) => fetch(`${auth.url}/auth/clients/${encodeURIComponent(clientId)}`, { method: 'DELETE', headers: bearer(token) });

  it('lets an admin create a client (201, the secret shown once) that can then get tokens', async () => {
    const reply = await create({ name: 'reporting', scope: ['orders:read'], audience: ['shop'] });
    expect(reply.status).toBe(201);
    const body = (await reply.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['audience', 'client_id', 'client_secret', 'created_at', 'name', 'scope']);
    expect(body).toMatchObject({ client_id: expect.stringMatching(/^reporting-/), name: 'reporting', scope: ['orders:read'], audience: ['shop'] });
    const token = await postForm(`${auth.url}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basicAuthorization(body.client_id as string, body.client_secret as string) });
    expect(token.status).toBe(200);
  });

  it('lists clients newest first, never with a secret (200)', async () => {
    await create({ name: 'newer', scope: ['orders:read', 'orders:write'], audience: ['shop', 'helpdesk'] });
    const reply = await list();
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as Array<Record<string, unknown>>;
    expect(body.map((client) => client.name)).toEqual(['newer', 'reporting']);
    expect(body[0]).toEqual({
      client_id: expect.any(String),
      name: 'newer',
      scope: ['orders:read', 'orders:write'],
      audience: ['shop', 'helpdesk'],
      created_at: expect.any(String),
      revoked_at: null,
    });
  });

  it('revokes a client (204): the row stays, marked revoked, and its next token request fails', async () => {
    const created = (await (await create({ name: 'doomed', scope: ['orders:read'], audience: ['shop'] })).json()) as { client_id: string; client_secret: string };
    expect((await revoke(created.client_id)).status).toBe(204);
    const listed = (await (await list()).json()) as Array<{ client_id: string; revoked_at: string | null }>;
    expect(listed.find((client) => client.client_id === created.client_id)!.revoked_at).toEqual(expect.any(String));
    const token = await postForm(`${auth.url}/oauth/token`, { grant_type: 'client_credentials', client_id: created.client_id, client_secret: created.client_secret });
    expect(token.status).toBe(401);
    expect((await revoke(created.client_id)).status).toBe(204); // again: still revoked, no error
  });

  it('answers 404 for revoking an unknown client', async () => {
    const reply = await revoke('no-such-client');
    expect(reply.status).toBe(404);
    expect(await reply.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('refuses a customer with 403 and a caller without a token with 401, changing nothing', async () => {
    const before = await auth.prisma.oAuthClient.count();
    const listed = (await (await list()).json()) as Array<{ client_id: string; revoked_at: string | null }>;
    const reporting = listed.find((client) => client.revoked_at === null);
    for (const reply of [await create({ name: 'x', scope: ['a'], audience: ['shop'] }, customer), await list(customer), await revoke(reporting!.client_id, customer)]) {
      expect(reply.status).toBe(403);
    }
    const anonymous = await fetch(`${auth.url}/auth/clients`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await postJson(`${auth.url}/auth/clients`, { name: 'x', scope: ['a'], audience: ['shop'] })).status).toBe(401);
    expect(await auth.prisma.oAuthClient.count()).toBe(before);
    expect((await auth.prisma.oAuthClient.findUniqueOrThrow({ where: { clientId: reporting!.client_id } })).revokedAt).toBeNull();
  });

  it.each([
    [{ scope: ['orders:read'], audience: ['shop'] }, 'name'],
    [{ name: '   ', scope: ['orders:read'], audience: ['shop'] }, 'name'],
    [{ name: 'x', scope: [], audience: ['shop'] }, 'scope'],
    [{ name: 'x', scope: 'orders:read', audience: ['shop'] }, 'scope'],
    [{ name: 'x', scope: ['orders read'], audience: ['shop'] }, 'scope'],
    [{ name: 'x', scope: ['orders:read'], audience: ['billing'] }, 'audience'],
    [{ name: 'x', scope: ['orders:read'] }, 'audience'],
  ])('answers 400 naming the field for %p', async (body, field) => {
    const before = await auth.prisma.oAuthClient.count();
    const reply = await create(body);
    expect(reply.status).toBe(400);
    const error = (await reply.json()) as { statusCode: number; error: string; message: string | string[] };
    expect(error).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect([error.message].flat().join(' ')).toContain(field);
    expect(await auth.prisma.oAuthClient.count()).toBe(before);
  });
});
