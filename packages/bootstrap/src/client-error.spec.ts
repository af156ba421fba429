import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { connect } from 'node:net';
import { refusalOf } from './client-error.js';
import { startTestService, type TestService } from './test-service.test-support.js';

/** Sends raw bytes and reads everything the service answers until it closes the connection. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parse(raw: string): { statusLine: string; headers: string; body: unknown } {
  const [head, body] = raw.split('\r\n\r\n', 2) as [string, string];
  const [statusLine, ...headers] = head.split('\r\n');
  return { statusLine: statusLine!, headers: headers.join('\n').toLowerCase(), body: JSON.parse(body) };
}

describe("requests Node's HTTP parser refuses", () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.app.close());

  it('answers headers over the size limit with 431 in the JSON error shape, not an empty body', async () => {
    const answer = parse(await rawExchange(service.url, `GET /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.headers).toContain('content-type: application/json; charset=utf-8');
    expect(answer.body).toEqual({ statusCode: 431, error: 'Request Header Fields Too Large', message: "The request's headers are larger than 16384 bytes" });
  });

  it('answers a malformed request with 400 JSON, echoing nothing of it', async () => {
    const answer = parse(await rawExchange(service.url, 'NOT<script> A REQUEST\r\n\r\n'));
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The request is not valid HTTP/1.1' });
  });

  it('answers on a connection kept alive after an earlier answer', async () => {
    const { hostname, port } = new URL(service.url);
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = once(socket, 'close');
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    // `once` rejects on the socket's 'error', and the test's timeout bounds the wait.
    while (!Buffer.concat(received).toString().includes('"status":"ok"')) await once(socket, 'data');
    socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    await closed;
    const second = Buffer.concat(received).toString().split('HTTP/1.1 ')[2];
    expect(second?.startsWith('431 Request Header Fields Too Large')).toBe(true);
    expect(second).toContain('"statusCode":431');
  });

  it('leaves headers under the limit to the service', async () => {
    const answer = await rawExchange(service.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(15_000)}\r\nConnection: close\r\n\r\n`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });
});

describe('refusalOf', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_INVALID_METHOD', 400],
    [undefined, 400],
  ])('gives %s the status Node gives it, %i', (code, status) => {
    expect(refusalOf(code).status).toBe(status);
  });
});
