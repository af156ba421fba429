import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { sessionLogin } from './support/cookie-logins.js';
import { ALICE, login, RESOURCE_SERVICES } from './support/demo.js';
import { call } from './support/http.js';
import { countOf, createSomething } from './support/writes.js';

// SESSION_MODE=shared-store: every resource service reads auth's session table on every request.
// Sessions then work everywhere, and a logout ends them everywhere at once.
describe('shared-store sessions: one session read from auth database by every service', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startTestStack({ SESSION_MODE: 'shared-store' });
  });
  afterAll(() => stack?.stop());

  it('logs in once at auth and is known by the same user on shop, helpdesk and forum', async () => {
    const session = await sessionLogin(stack, ALICE);
    const atAuth = await call('GET', `${stack.urls.auth}/auth/session/me`, { headers: { cookie: session.pair } });
    expect(atAuth.status).toBe(200);
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/session/me`, { headers: { cookie: session.pair } });
      expect(reply).toMatchObject({ status: 200, body: { service, user: atAuth.body } });
    }
  });

  it('changes state on every service with the cookie from its own pages, never from another site', async () => {
    const session = await sessionLogin(stack, ALICE);
    const { access_token: bearer } = await login(stack, ALICE);
    for (const service of RESOURCE_SERVICES) {
      const before = await countOf(stack, service, bearer);
      const forged = await createSomething(stack, service, { headers: { cookie: session.pair, origin: 'https://evil.example' } });
      expect({ service, status: forged.status }).toEqual({ service, status: 403 });
      expect(await countOf(stack, service, bearer)).toBe(before);
      const own = await createSomething(stack, service, { headers: { cookie: session.pair, origin: stack.urls[service] } });
      expect({ service, status: own.status }).toEqual({ service, status: 201 });
      expect(await countOf(stack, service, bearer)).toBe(before + 1);
    }
  });

  it('ends everywhere at once when the user logs out at auth', async () => {
    const session = await sessionLogin(stack, ALICE);
    for (const service of RESOURCE_SERVICES) {
      expect((await call('GET', `${stack.urls[service]}/session/me`, { headers: { cookie: session.pair } })).status).toBe(200);
    }
    expect((await call('POST', `${stack.urls.auth}/auth/session/logout`, { headers: { cookie: session.pair } })).status).toBe(204);
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/session/me`, { headers: { cookie: session.pair } });
      expect({ service, status: reply.status }).toEqual({ service, status: 401 });
    }
  });

  it('refuses a session cookie signed with another secret', async () => {
    const session = await sessionLogin(stack, ALICE);
    const [sid] = decodeURIComponent(session.value).slice(2).split('.');
    const forged = `sso_session=${encodeURIComponent(`s:${sid}.forgedsignature`)}`;
    for (const service of RESOURCE_SERVICES) {
      expect((await call('GET', `${stack.urls[service]}/session/me`, { headers: { cookie: forged } })).status).toBe(401);
    }
  });
});
