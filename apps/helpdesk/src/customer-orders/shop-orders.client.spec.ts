import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { ClientCredentialsToken } from '@sso/guard';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ShopOrdersClient } from './shop-orders.client.js';

const CLIENT_ID = 'helpdesk';
const CLIENT_SECRET = 'a-client-secret-of-at-least-32-characters';
const CUSTOMER = '2c1d8a52-5d7e-4a53-9b1e-0f6a3b9c1d2e';
const ORDER = {
  id: '7d4c9e1a-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
  userId: CUSTOMER,
  productId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  productName: 'Token mug',
  quantity: 2,
  unitPriceCents: 1200,
  totalCents: 2400,
  createdAt: '2026-11-30T12:00:00.000Z',
};

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A real HTTP server standing in for auth or shop, recording what it was asked. */
class FakeService {
  readonly requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
  private server?: Server;
  private port = 0;

  constructor(public handler: Handler) {}

  /** Listens, on the same port as before when restarted. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        this.requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
        this.handler(request, body, response);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; text: string }> = [];
  log = (text: string) => this.lines.push({ level: 'log', text });
  warn = (text: string) => this.lines.push({ level: 'warn', text });
  error = (text: string) => this.lines.push({ level: 'error', text });
  at = (level: string) => this.lines.filter((line) => line.level === level).map((line) => line.text);
}

describe('ShopOrdersClient with helpdesk’s client credentials token', () => {
  let auth: FakeService;
  let shop: FakeService;
  let logger: RecordingLogger;
  let now: number;
  let issued: number;
  let client: ShopOrdersClient;
  let expiresIn: number;
  let tokenEndpoint: string;

  beforeEach(async () => {
    now = Date.parse('2026-11-30T12:00:00Z');
    issued = 0;
    expiresIn = 900;
    auth = new FakeService((_request, _body, response) => {
      issued += 1;
      json(response, 200, { access_token: `token-${issued}`, token_type: 'Bearer', expires_in: expiresIn, scope: 'orders:read' });
    });
    shop = new FakeService((_request, _body, response) => json(response, 200, [ORDER]));
    logger = new RecordingLogger();
    tokenEndpoint = `${await auth.start()}/oauth/token`;
    const token = new ClientCredentialsToken({
      tokenEndpoint,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scope: 'orders:read',
      resource: 'shop',
      timeoutMs: 2_000,
      now: () => now,
    });
    client = new ShopOrdersClient({ shopUrl: await shop.start(), token, timeoutMs: 2_000, logger });
  });

  afterEach(async () => {
    await Promise.all([auth.stop(), shop.stop()]);
  });

  it('asks auth by client_secret_basic for scope orders:read and audience shop, then shop with that token', async () => {
    expect(await client.recentOrders(CUSTOMER)).toEqual({
      available: true,
      orders: [{ id: ORDER.id, productId: ORDER.productId, productName: 'Token mug', quantity: 2, totalCents: 2400, createdAt: ORDER.createdAt }],
    });
    const [tokenRequest] = auth.requests;
    expect(tokenRequest).toMatchObject({ method: 'POST', url: '/oauth/token' });
    expect(tokenRequest!.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);
    expect(tokenRequest!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(tokenRequest!.body))).toEqual({ grant_type: 'client_credentials', scope: 'orders:read', resource: 'shop' });
    expect(shop.requests).toEqual([expect.objectContaining({ method: 'GET', url: `/customers/${CUSTOMER}/orders?limit=5` })]);
    expect(shop.requests[0]!.headers.authorization).toBe('Bearer token-1');
  });

  it('form-encodes the id and secret before Basic (RFC 6749 §2.3.1), so a colon cannot split them', async () => {
    const token = new ClientCredentialsToken({
      tokenEndpoint,
      clientId: 'odd:id é',
      clientSecret: CLIENT_SECRET,
      scope: 'orders:read',
      resource: 'shop',
      timeoutMs: 2_000,
    });
    await token.value();
    expect(auth.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`odd%3Aid+%C3%A9:${CLIENT_SECRET}`).toString('base64')}`);
  });

  it('keeps the token until 30 s before it expires, then asks auth again', async () => {
    await client.recentOrders(CUSTOMER);
    now += (900 - 31) * 1000;
    await client.recentOrders(CUSTOMER);
    expect(issued).toBe(1);
    now += 1000;
    await client.recentOrders(CUSTOMER);
    expect(issued).toBe(2);
    expect(shop.requests.map((request) => request.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('never keeps a token that lives 30 s or less', async () => {
    expiresIn = 30;
    await client.recentOrders(CUSTOMER);
    await client.recentOrders(CUSTOMER);
    expect(issued).toBe(2);
  });

  it('sends concurrent tickets’ callers to auth once', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.recentOrders(CUSTOMER)));
    expect(answers.every((answer) => answer.available)).toBe(true);
    expect(issued).toBe(1);
    expect(shop.requests).toHaveLength(10);
  });

  it('loads without orders while shop is down, says why, warns once, and says when they are back', async () => {
    await client.recentOrders(CUSTOMER); // a cached token: only shop is missing
    await shop.stop();
    for (let ticket = 0; ticket < 3; ticket += 1) {
      expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason: 'shop did not answer' });
    }
    expect(logger.at('warn')).toEqual([expect.stringMatching(/shop did not answer \(ECONNREFUSED\)$/)]);
    await shop.start();
    expect((await client.recentOrders(CUSTOMER)).available).toBe(true);
    expect(logger.at('log')).toEqual(['Customer orders load again']);
  });

  it('keeps reading orders with its cached token while auth is down', async () => {
    await client.recentOrders(CUSTOMER);
    await auth.stop();
    expect((await client.recentOrders(CUSTOMER)).available).toBe(true);
    expect(logger.at('warn')).toEqual([]);
  });

  it('loads without orders when auth is down and no token is cached, and asks again next time', async () => {
    await auth.stop();
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason: 'auth did not answer' });
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason: 'auth did not answer' });
    expect(logger.at('warn')).toHaveLength(1);
    expect(shop.requests).toHaveLength(0);
    await auth.start();
    expect((await client.recentOrders(CUSTOMER)).available).toBe(true);
  });

  it('gives up on a shop that does not answer within 2 s', async () => {
    shop.handler = () => undefined; // holds the request open
    const started = Date.now();
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason: 'shop did not answer' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(logger.at('warn')).toEqual([expect.stringMatching(/shop did not answer \(no answer within the timeout\)$/)]);
  });

  it('gives up on an auth that does not answer within 2 s', async () => {
    auth.handler = () => undefined;
    const started = Date.now();
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason: 'auth did not answer' });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(shop.requests).toHaveLength(0);
  });

  it.each([
    [401, { error: 'invalid_client' }, 'auth refused helpdesk’s credentials'],
    [400, { error: 'invalid_scope' }, 'auth refused to issue a token'],
    [200, { token_type: 'Bearer' }, 'auth answered something other than a token'],
  ])('names auth as the cause when it answers %p %p', async (status, body, reason) => {
    auth.handler = (_request, _body, response) => json(response, status, body);
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason });
    expect(shop.requests).toHaveLength(0);
  });

  it.each([
    [503, { statusCode: 503 }, 'shop failed (HTTP 503)'],
    [200, { orders: [] }, 'shop answered something other than orders'],
    [200, [{ id: 1 }], 'shop answered something other than orders'],
  ])('names shop as the cause when it answers %p %p', async (status, body, reason) => {
    shop.handler = (_request, _body, response) => json(response, status, body);
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason });
  });

  it('drops a token shop refuses, so the next ticket asks auth for a new one', async () => {
    shop.handler = (_request, _body, response) => json(response, 401, { statusCode: 401 });
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: false, reason: 'shop refused helpdesk’s token' });
    shop.handler = (_request, _body, response) => json(response, 200, []);
    expect(await client.recentOrders(CUSTOMER)).toEqual({ available: true, orders: [] });
    expect(shop.requests.map((request) => request.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('warns again when the cause changes, and never logs the token or the secret', async () => {
    await auth.stop();
    await client.recentOrders(CUSTOMER);
    await auth.start();
    await shop.stop();
    await client.recentOrders(CUSTOMER);
    expect(logger.at('warn')).toEqual([expect.stringContaining('auth did not answer'), expect.stringContaining('shop did not answer')]);
    const logged = logger.lines.map((line) => line.text).join('\n');
    expect(logged).not.toContain('token-');
    expect(logged).not.toContain(CLIENT_SECRET);
  });
});
