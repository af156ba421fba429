import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KeyObject } from 'node:crypto';
import { AUDIENCE, get, ISSUER, newSigningKey, signAccessToken, startTestApp, type TestApp } from './guard.test-support.js';

describe('RolesGuard', () => {
  const auth = newSigningKey();
  const keys = new Map<string, KeyObject>([[auth.kid, auth.publicKey]]);
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource: { getKey: async (kid) => keys.get(kid) } });
  });
  afterAll(() => app?.close());

  const asRoles = (...roles: string[]) => `Bearer ${signAccessToken(auth, { claims: { roles } })}`;
  const allTickets = (authorization?: string) => get(`${app.url}/tickets/all`, authorization);

  it('refuses a caller without the role with 403, naming the roles', async () => {
    const reply = await allTickets(asRoles('customer', 'moderator'));
    expect(reply.status).toBe(403);
    expect(reply.challenge).toBeNull();
    expect(reply.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Requires one of the roles: agent' });
  });

  it('refuses a caller with no roles at all', async () => {
    expect((await allTickets(asRoles())).status).toBe(403);
  });

  it('lets a caller holding the role through', async () => {
    expect((await allTickets(asRoles('customer', 'agent'))).status).toBe(200);
  });

  it('runs after authentication: without a token the answer is 401, not 403', async () => {
    const reply = await allTickets();
    expect(reply.status).toBe(401);
    expect(reply.challenge).toBe(`Bearer realm="${AUDIENCE}"`);
  });

  it('leaves routes without @Roles to any valid token', async () => {
    expect((await get(`${app.url}/me`, asRoles('customer'))).status).toBe(200);
  });
});
