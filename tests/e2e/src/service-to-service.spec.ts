import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Application, applicationToken, registerApplication } from './support/applications.js';
import { BOB, CAROL, login, registerAndLogin } from './support/demo.js';
import { call, type Reply } from './support/http.js';
import { serviceLogLines } from './support/service-log.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const WARN = 40;
const INFO = 30;

// Issue 12's service call, across real processes: helpdesk reads a ticket's customer's orders from
// shop with its own client credentials token, which the stack registered at auth before helpdesk
// started. The outage cases stop shop and auth for real.
describe('helpdesk shows an agent the customer’s orders, read from shop with its own token', () => {
  let stack: RunningStack;
  let customer: string; // a fresh customer's token
  let customerId: string;
  let stranger: string; // another customer
  let agent: string; // bob
  let admin: string; // carol
  let ticketId: string;
  let orderIds: string[]; // the customer's, newest first

  beforeAll(async () => {
    stack = await startTestStack();
    [customer, stranger, agent, admin] = await Promise.all([
      registerAndLogin(stack, 'Grace').then((pair) => pair.access_token),
      registerAndLogin(stack, 'Mallory').then((pair) => pair.access_token),
      login(stack, BOB).then((pair) => pair.access_token),
      login(stack, CAROL).then((pair) => pair.access_token),
    ]);
    customerId = (await call('GET', `${stack.urls.shop}/me`, { token: customer })).body.user.id;
    const products: Array<{ id: string }> = (await call('GET', `${stack.urls.shop}/products`)).body;
    orderIds = [];
    for (const [index, product] of products.slice(0, 3).entries()) {
      orderIds.unshift((await call('POST', `${stack.urls.shop}/orders`, { token: customer, json: { productId: product.id, quantity: index + 1 } })).body.id);
    }
    await call('POST', `${stack.urls.shop}/orders`, { token: stranger, json: { productId: products[0]!.id, quantity: 9 } });
    ticketId = (await call('POST', `${stack.urls.helpdesk}/tickets`, { token: customer, json: { subject: 'Where is my mug?', body: 'Ordered it last week.' } })).body.id;
  });
  afterAll(() => stack?.stop());

  const openTicket = (token: string, id = ticketId) => call('GET', `${stack.urls.helpdesk}/tickets/${id}`, { token });

  describe('GET /tickets/:id', () => {
    it('shows an agent and an admin the ticket with the customer’s recent orders, newest first, and no one else’s', async () => {
      for (const token of [agent, admin]) {
        const reply = await openTicket(token);
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ id: ticketId, requesterId: customerId, subject: 'Where is my mug?', status: 'open' });
        expect(reply.body.customerOrders).toEqual({
          available: true,
          orders: orderIds.map((id) => expect.objectContaining({ id, productName: expect.any(String), totalCents: expect.any(Number) })),
        });
      }
    });

    it('shows the customer their own ticket, without the orders', async () => {
      const reply = await openTicket(customer);
      expect(reply).toMatchObject({ status: 200, body: { id: ticketId, requesterId: customerId } });
      expect(reply.body).not.toHaveProperty('customerOrders');
    });

    it('answers 404 to another customer, as for an unknown or malformed id', async () => {
      for (const reply of [await openTicket(stranger), await openTicket(agent, UNKNOWN_ID), await openTicket(agent, 'not-a-uuid')]) {
        expect(reply).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found' } });
      }
    });
  });

  describe('shop’s GET /customers/:userId/orders, for applications with the scope orders:read', () => {
    let reporting: Application;

    beforeAll(async () => {
      reporting = await registerApplication(stack, { name: 'reporting', scope: ['orders:read'], audience: ['shop'] });
    });

    const customerOrders = (token: string, query = '', userId = customerId) => call('GET', `${stack.urls.shop}/customers/${userId}/orders${query}`, { token });

    it('refuses a user token, even an admin’s: 403 insufficient_scope (RFC 6750 §3.1)', async () => {
      for (const token of [customer, admin]) expectInsufficientScope(await customerOrders(token));
    });

    it('refuses an application token without the scope', async () => {
      const catalogue = await registerApplication(stack, { name: 'catalogue-sync', scope: ['products:read'], audience: ['shop'] });
      expectInsufficientScope(await customerOrders(await applicationToken(stack, catalogue)));
    });

    it('serves an application token with it: that customer’s orders, newest first, at most limit', async () => {
      const token = await applicationToken(stack, reporting, { scope: 'orders:read', resource: 'shop' });
      const all = await customerOrders(token);
      expect(all.status).toBe(200);
      expect(all.body.map((order: { id: string }) => order.id)).toEqual(orderIds);
      expect(all.body.every((order: { userId: string }) => order.userId === customerId)).toBe(true);
      expect((await customerOrders(token, '?limit=2')).body.map((order: { id: string }) => order.id)).toEqual(orderIds.slice(0, 2));
      expect(await customerOrders(token, '', UNKNOWN_ID)).toMatchObject({ status: 200, body: [] });
    });

    it.each([
      ['?limit=0', 'limit'],
      ['?limit=21', 'limit'],
      ['?limit=two', 'limit'],
      ['?limit=1.5', 'limit'],
    ])('answers 400 naming the field for %s', async (query, field) => {
      const reply = await customerOrders(await applicationToken(stack, reporting), query);
      expect(reply).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
      expect(JSON.stringify(reply.body.message)).toContain(field);
    });

    it('answers 400 when the customer id is not a UUID', async () => {
      const reply = await customerOrders(await applicationToken(stack, reporting), '', 'alice');
      expect(reply).toMatchObject({ status: 400, body: { statusCode: 400, message: 'userId must be a UUID' } });
    });
  });

  describe('when shop or auth is down', () => {
    it('loads the ticket without the orders while shop is down, says why, warns once, and shows them again once shop is back', async () => {
      expect((await openTicket(agent)).body.customerOrders.available).toBe(true); // helpdesk holds a token: only shop is missing
      const mark = await logMark();
      await stack.stopService('shop');
      try {
        for (let attempt = 0; attempt < 3; attempt += 1) {
          const reply = await openTicket(agent);
          expect(reply).toMatchObject({ status: 200, body: { id: ticketId, customerOrders: { available: false, reason: 'shop did not answer' } } });
        }
      } finally {
        await stack.startService('shop');
      }
      expect((await openTicket(agent)).body.customerOrders).toMatchObject({ available: true, orders: expect.any(Array) });
      expect(await customerOrdersLog(mark)).toEqual([
        { level: WARN, msg: expect.stringContaining('shop did not answer (ECONNREFUSED)') },
        { level: INFO, msg: 'Customer orders load again' },
      ]);
    });

    it('keeps reading the orders while auth is down, with the token helpdesk already holds: the point of tokens', async () => {
      expect((await openTicket(agent)).body.customerOrders.available).toBe(true);
      await stack.stopService('auth');
      try {
        expect((await openTicket(agent)).body.customerOrders).toEqual({ available: true, orders: expect.arrayContaining([expect.objectContaining({ id: orderIds[0] })]) });
      } finally {
        await stack.startService('auth');
      }
    });

    it('loads the ticket without the orders while auth is down and helpdesk holds no token yet, and shows them once auth is back', async () => {
      // A restarted helpdesk holds no token, but has auth's keys (fetched at boot), so it still knows the agent.
      await stack.stopService('helpdesk');
      await stack.startService('helpdesk');
      const mark = await logMark();
      await stack.stopService('auth');
      try {
        for (let attempt = 0; attempt < 2; attempt += 1) {
          const reply = await openTicket(agent);
          expect(reply).toMatchObject({ status: 200, body: { id: ticketId, customerOrders: { available: false, reason: 'auth did not answer' } } });
        }
      } finally {
        await stack.startService('auth');
      }
      expect((await openTicket(agent)).body.customerOrders.available).toBe(true);
      expect(await customerOrdersLog(mark)).toEqual([
        { level: WARN, msg: expect.stringContaining('auth did not answer (ECONNREFUSED)') },
        { level: INFO, msg: 'Customer orders load again' },
      ]);
    });

    it('never writes a token into helpdesk’s log', async () => {
      const log = (await serviceLogLines(stack, 'helpdesk')).map((line) => JSON.stringify(line)).join('\n');
      expect(log).toContain('Customer orders load again'); // the log is the one the outages above wrote
      expect(log).not.toMatch(/eyJ[\w-]+\.eyJ/);
    });
  });

  async function logMark(): Promise<number> {
    return (await serviceLogLines(stack, 'helpdesk')).length;
  }

  /** helpdesk's `CustomerOrders` lines since `mark`; pino writes asynchronously, so it waits a little for the last. */
  async function customerOrdersLog(mark: number): Promise<Array<{ level: number; msg: string }>> {
    await sleep(300);
    return (await serviceLogLines(stack, 'helpdesk'))
      .slice(mark)
      .filter((line) => line.context === 'CustomerOrders')
      .map(({ level, msg }) => ({ level, msg }));
  }
});

function expectInsufficientScope(reply: Reply): void {
  expect(reply).toMatchObject({ status: 403, body: { statusCode: 403, error: 'Forbidden' } });
  expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer .*error="insufficient_scope"/);
  expect(reply.headers.get('www-authenticate')).toContain('scope="orders:read"');
}
