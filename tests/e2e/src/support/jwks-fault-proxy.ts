import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy answers `GET /.well-known/jwks.json`. */
export type JwksFault = 'none' | 'slow' | 'garbage' | 'error' | 'withdrawn';

/** An answer after this long is, for the guard, no answer: it gives up after 5 s. */
const SLOW_ANSWER_MS = 10_000;

/**
 * Stands where the resource services reach auth (their `AUTH_URL`) and passes the JWKS request
 * on to the real auth, or fails it the way a sick auth would: slow, garbage, a 500, or a
 * well-formed key set that no longer lists any key (a withdrawal). Counts the requests it gets.
 */
export class JwksFaultProxy {
  fault: JwksFault = 'none';
  requests = 0;
  private readonly server: Server;
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(private readonly authUrl: string) {
    this.server = createServer((request, response) => {
      this.requests += 1;
      void this.answer(request.url ?? '/').then(
        ({ status, body }) => response.writeHead(status, { 'content-type': 'application/json' }).end(body),
        () => response.writeHead(502).end(),
      );
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async answer(path: string): Promise<{ status: number; body: string }> {
    switch (this.fault) {
      case 'garbage':
        return { status: 200, body: '<html>not a key set</html>' };
      case 'error':
        return { status: 500, body: '{"error":"internal"}' };
      case 'withdrawn':
        return { status: 200, body: '{"keys":[]}' };
      case 'slow':
        await new Promise<void>((resolve) => this.pending.add(setTimeout(resolve, SLOW_ANSWER_MS)));
        return this.passOn(path);
      case 'none':
        return this.passOn(path);
    }
  }

  private async passOn(path: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.authUrl}${path}`);
    return { status: response.status, body: await response.text() };
  }
}
