/** A response's status, or `no answer` when nothing listened (a stopped or crashed service). */
export type HttpStatus = number | 'no answer';

/** Whether a "who am I" request with a credential was accepted: 200, as opposed to 401 or no answer. */
export const isAccepted = (status: HttpStatus): boolean => status === 200;

/** GETs `url` with `headers` and returns only the status; the body is read and dropped. */
export async function statusOf(url: string, headers: Record<string, string>): Promise<HttpStatus> {
  try {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'no answer';
  }
}

/**
 * POSTs to auth as a browser on auth's own page would (its `Origin`, so the CSRF check passes) and
 * fails, showing the answer, unless the status is `expected`: the comparison cannot go on without it.
 */
export async function postExpecting(
  url: string,
  expected: number,
  request: { json?: unknown; cookie?: string },
): Promise<Response> {
  const headers: Record<string, string> = { origin: new URL(url).origin };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  if (request.cookie !== undefined) headers.cookie = request.cookie;
  const response = await fetch(url, { method: 'POST', headers, body: request.json === undefined ? undefined : JSON.stringify(request.json) });
  if (response.status !== expected) {
    throw new Error(`POST ${url} answered ${response.status} (expected ${expected}): ${await response.text()}`);
  }
  return response;
}
