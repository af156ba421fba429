import { STATUS_CODES, maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Answers requests that Node's HTTP parser refuses before Express sees them (headers over the
 * size limit, a malformed request line, a request that took too long to arrive) in the same JSON
 * shape as every other error, `{statusCode, error, message}`, where Node would answer with an
 * empty body. Written here because it happens below every framework: Node's `clientError` event is
 * the only place to answer, with a raw HTTP/1.1 response on the socket, as Node's own default does
 * (the same statuses: 431, 413, 408, else 400). These answers carry `nosniff` and `no-store` but not
 * helmet's other headers, which Express never gets to add. Nothing from the request is echoed back
 * or logged: such requests are often probes, and a log line each would let them flood the logs.
 * (A few refusals never reach this event: an HTTP/1.1 request without `Host` and an unknown
 * `Expect` still get Node's empty 400 and 417.)
 */
export function answerClientErrorsInJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket & InFlight) => {
    // As Node decides: answer unless a response on this connection (kept alive) has begun to go out.
    if (socket.writable && !socket._httpMessage?._headerSent) socket.write(rawResponse(refusalOf(error.code)));
    socket.destroy(error);
  });
}

/**
 * The response a connection is sending, if any, and whether its headers have been written to the
 * socket: the fields Node's own default handler reads (`socketOnError` in lib/_http_server.js), the
 * one way to know whether an answer is already on the wire. (`headersSent` is true as soon as the
 * headers are built, before they are written.)
 */
interface InFlight {
  _httpMessage?: { _headerSent?: boolean } | null;
}

interface Refusal {
  status: number;
  message: string;
}

/**
 * The status Node itself gives each parser error (lib/_http_server.js), with a message that says
 * why. The header limit is Node's (16 KiB unless `--max-http-header-size` says otherwise).
 */
export function refusalOf(code: string | undefined): Refusal {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: `The request's headers are larger than ${maxHeaderSize} bytes` };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: "The request's chunk extensions are too large" };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request did not arrive in time' };
    default:
      return { status: 400, message: 'The request is not valid HTTP/1.1' };
  }
}

function rawResponse({ status, message }: Refusal): string {
  const error = STATUS_CODES[status]!;
  const body = JSON.stringify({ statusCode: status, error, message });
  return [
    `HTTP/1.1 ${status} ${error}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
