import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, startTestStack } from '@sso/stack';
import { BOB, CAROL, DAVE, login, registerAndLogin } from './support/demo.js';
import { call } from './support/http.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('shop, helpdesk and forum: roles, data scoping and bad input', () => {
  let stack: RunningStack;
  let alice: string; // a fresh customer per run
  let mallory: string; // another customer
  let bob: string; // agent
  let carol: string; // admin
  let dave: string; // moderator

  beforeAll(async () => {
    stack = await startTestStack();
    [alice, mallory, bob, carol, dave] = await Promise.all([
      registerAndLogin(stack, 'Alice').then((pair) => pair.access_token),
      registerAndLogin(stack, 'Mallory').then((pair) => pair.access_token),
      login(stack, BOB).then((pair) => pair.access_token),
      login(stack, CAROL).then((pair) => pair.access_token),
      login(stack, DAVE).then((pair) => pair.access_token),
    ]);
  });
  afterAll(() => stack?.stop());

  describe('shop', () => {
    let productId: string;
    const orders = (token: string) => call('GET', `${stack.urls.shop}/orders`, { token });
    const order = (token: string, json: unknown) => call('POST', `${stack.urls.shop}/orders`, { token, json });

    beforeAll(async () => {
      productId = (await call('GET', `${stack.urls.shop}/products`)).body[0].id;
    });

    it('owns an order by the token, whatever owner the body names', async () => {
      const placed = await order(alice, { productId, quantity: 1, userId: 'someone-else' });
      expect(placed.status).toBe(201);
      const me = await call('GET', `${stack.urls.shop}/me`, { token: alice });
      expect(placed.body.userId).toBe(me.body.user.id);
    });

    it('lists only the caller orders, newest first; an admin sees all', async () => {
      const first = await order(mallory, { productId, quantity: 1 });
      const second = await order(mallory, { productId, quantity: 3 });
      const mine = await orders(mallory);
      expect(mine.status).toBe(200);
      expect(mine.body.map((o: { id: string }) => o.id)).toEqual([second.body.id, first.body.id]);
      const aliceOrders = await orders(alice);
      expect(aliceOrders.body.every((o: { userId: string }) => o.userId !== first.body.userId)).toBe(true);
      const all = (await orders(carol)).body.map((o: { id: string }) => o.id);
      expect(all).toEqual(expect.arrayContaining([first.body.id, second.body.id, aliceOrders.body[0].id]));
    });

    it.each([
      [{ productId: 'not-a-uuid', quantity: 1 }, 'productId'],
      [{ quantity: 1 }, 'productId'],
      [{ productId: UNKNOWN_ID, quantity: 0 }, 'quantity'],
      [{ productId: UNKNOWN_ID, quantity: 1001 }, 'quantity'],
      [{ productId: UNKNOWN_ID, quantity: 1.5 }, 'quantity'],
      [{ productId: UNKNOWN_ID, quantity: '2' }, 'quantity'],
    ])('answers 400 naming the field for %p and stores nothing', async (json, field) => {
      const before = (await orders(carol)).body.length;
      const reply = await order(mallory, json);
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body.message)).toContain(field);
      expect((await orders(carol)).body.length).toBe(before);
    });

    it('answers 404 for an unknown product and stores nothing', async () => {
      const before = (await orders(carol)).body.length;
      const reply = await order(mallory, { productId: UNKNOWN_ID, quantity: 1 });
      expect(reply).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found' } });
      expect((await orders(carol)).body.length).toBe(before);
    });

    it('answers 413 for a body over 100 KiB and 400 for malformed or absurdly nested JSON, storing nothing', async () => {
      const before = (await orders(carol)).body.length;
      const big = await call('POST', `${stack.urls.shop}/orders`, {
        token: mallory,
        rawBody: JSON.stringify({ productId, quantity: 1, padding: 'x'.repeat(102_400) }),
      });
      expect(big).toMatchObject({ status: 413, body: { statusCode: 413 } });
      const broken = await call('POST', `${stack.urls.shop}/orders`, { token: mallory, rawBody: '{"productId":' });
      expect(broken).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
      const deep = await call('POST', `${stack.urls.shop}/orders`, { token: mallory, rawBody: '['.repeat(5000) + ']'.repeat(5000) });
      expect(deep).toMatchObject({ status: 400, body: { statusCode: 400 } });
      expect((await orders(carol)).body.length).toBe(before);
    });

    it('needs a token to order, but not to browse', async () => {
      expect((await call('GET', `${stack.urls.shop}/products`)).status).toBe(200);
      const reply = await call('POST', `${stack.urls.shop}/orders`, { json: { productId, quantity: 1 } });
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="shop"');
    });
  });

  describe('helpdesk', () => {
    const open = (token: string, json: unknown) => call('POST', `${stack.urls.helpdesk}/tickets`, { token, json });
    const list = (token: string) => call('GET', `${stack.urls.helpdesk}/tickets`, { token });
    const patch = (token: string, id: string, json: unknown) => call('PATCH', `${stack.urls.helpdesk}/tickets/${id}`, { token, json });

    it('shows customers their own tickets and agents and admins all of them', async () => {
      const mine = await open(alice, { subject: 'Where is my order?', body: 'It has been a week.' });
      const theirs = await open(mallory, { subject: 'Refund', body: 'Please.' });
      expect(mine.status).toBe(201);
      const aliceSees = (await list(alice)).body.map((t: { id: string }) => t.id);
      expect(aliceSees).toContain(mine.body.id);
      expect(aliceSees).not.toContain(theirs.body.id);
      for (const token of [bob, carol]) {
        const all = (await list(token)).body.map((t: { id: string }) => t.id);
        expect(all.indexOf(theirs.body.id)).toBeLessThan(all.indexOf(mine.body.id)); // newest first
      }
    });

    it('never presents an address auth did not verify as the requester\'s email', async () => {
      const [, claims] = alice.split('.');
      expect(JSON.parse(Buffer.from(claims!, 'base64url').toString()).email_verified).toBe(false);
      const ticket = await open(alice, { subject: 'Who am I?', body: 'Answer me by email.', requesterEmail: 'someone@else.test' });
      expect(ticket.status).toBe(201);
      expect(ticket.body.requesterEmail).toBeNull();
    });

    it('lets only agents and admins change a status', async () => {
      const ticket = await open(alice, { subject: 'Broken link', body: 'The hoodie page 404s.' });
      const refused = await patch(alice, ticket.body.id, { status: 'closed' });
      expect(refused).toMatchObject({ status: 403, body: { statusCode: 403, error: 'Forbidden' } });
      const byAgent = await patch(bob, ticket.body.id, { status: 'pending' });
      expect(byAgent).toMatchObject({ status: 200, body: { id: ticket.body.id, status: 'pending' } });
      const byAdmin = await patch(carol, ticket.body.id, { status: 'closed' });
      expect(byAdmin.body.status).toBe('closed');
    });

    it('answers 404 for an unknown id and 400 for an unknown status, changing nothing', async () => {
      expect((await patch(bob, UNKNOWN_ID, { status: 'closed' })).status).toBe(404);
      expect((await patch(bob, 'not-a-uuid', { status: 'closed' })).status).toBe(404);
      const ticket = await open(alice, { subject: 'Keep me open', body: 'Thanks.' });
      const reply = await patch(bob, ticket.body.id, { status: 'deleted' });
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body.message)).toContain('status');
      const stored = (await list(alice)).body.find((t: { id: string }) => t.id === ticket.body.id);
      expect(stored.status).toBe('open');
    });

    it('bounds subjects at 200 characters and bodies at 10,000', async () => {
      expect((await open(alice, { subject: 's'.repeat(200), body: 'b'.repeat(10_000) })).status).toBe(201);
      expect((await open(alice, { subject: 's'.repeat(201), body: 'b' })).status).toBe(400);
      expect((await open(alice, { subject: 's', body: 'b'.repeat(10_001) })).status).toBe(400);
      expect((await open(alice, { subject: '', body: 'b' })).status).toBe(400);
    });
  });

  describe('forum', () => {
    const start = (token: string) => call('POST', `${stack.urls.forum}/threads`, { token, json: { title: 'Topic', body: 'Text' } });
    const remove = (token: string, id: string) => call('DELETE', `${stack.urls.forum}/threads/${id}`, { token });

    it('lets the author, a moderator or an admin delete a thread, and no one else', async () => {
      const [byAuthor, byModerator, byAdmin] = await Promise.all([start(alice), start(alice), start(alice)]);
      expect((await remove(mallory, byAuthor.body.id)).status).toBe(403);
      expect((await remove(bob, byAuthor.body.id)).status).toBe(403); // an agent does not moderate the forum
      expect((await remove(alice, byAuthor.body.id)).status).toBe(204);
      expect((await remove(dave, byModerator.body.id)).status).toBe(204);
      expect((await remove(carol, byAdmin.body.id)).status).toBe(204);
      const remaining = (await call('GET', `${stack.urls.forum}/threads`)).body.map((t: { id: string }) => t.id);
      expect(remaining).not.toEqual(expect.arrayContaining([byAuthor.body.id]));
    });

    it('keeps a thread its author did not delete', async () => {
      const thread = await start(alice);
      await remove(mallory, thread.body.id);
      const found = await call('GET', `${stack.urls.forum}/threads/${thread.body.id}`);
      expect(found.status).toBe(200);
    });

    it('refuses a NUL character with 400 and stores nothing', async () => {
      const before = (await call('GET', `${stack.urls.forum}/threads`)).body.length;
      const reply = await call('POST', `${stack.urls.forum}/threads`, { token: alice, rawBody: String.raw`{"title":"a\u0000b","body":"x"}` });
      expect(reply).toMatchObject({ status: 400, body: { statusCode: 400 } });
      expect((await call('GET', `${stack.urls.forum}/threads`)).body.length).toBe(before);
    });

    it('answers 404 for unknown threads', async () => {
      expect((await remove(carol, UNKNOWN_ID)).status).toBe(404);
      const reply = await call('POST', `${stack.urls.forum}/threads/${UNKNOWN_ID}/posts`, { token: alice, json: { body: 'Hi' } });
      expect(reply.status).toBe(404);
    });

    it('lists threads newest first without a token', async () => {
      const older = await start(alice);
      const newer = await start(mallory);
      const ids = (await call('GET', `${stack.urls.forum}/threads`)).body.map((t: { id: string }) => t.id);
      expect(ids.indexOf(newer.body.id)).toBeLessThan(ids.indexOf(older.body.id));
    });
  });
});
