import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server a hostile token points at (`jku`, `x5u`): it serves the attacker's keys and notes every request it gets. */
export interface BaitServer {
  url: string;
  /** `METHOD /path` of every request that reached it. */
  requests: string[];
  stop(): Promise<void>;
}

/** Starts a bait server on a free loopback port; `documents` maps a path to the body served there. */
export async function startBaitServer(documents: Record<string, string>): Promise<BaitServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const body = documents[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
