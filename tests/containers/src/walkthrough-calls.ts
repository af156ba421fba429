// The README walkthrough's requests, as the parity and scale-out tests make them.
import { DEMO_PASSWORD } from '@sso/stack';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  method?: string;
  token?: string;
  cookie?: string;
  json?: unknown;
}

/** One request; the answer's body parsed as JSON when it is JSON. */
export async function call(url: string, { method = 'GET', token, cookie, json }: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (cookie !== undefined) headers.cookie = cookie;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') && text !== '';
  return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
}

/** Step 1: log in once, at auth, as a demo account; the access token. */
export async function logIn(authUrl: string, email = 'alice@example.com'): Promise<string> {
  const answer = await call(`${authUrl}/auth/login`, { method: 'POST', json: { email, password: DEMO_PASSWORD } });
  if (answer.status !== 200) throw new Error(`login at ${authUrl} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}

/** A session at auth (`POST /auth/session/login`): the `name=value` of its cookie. */
export async function logInWithSession(authUrl: string, email = 'alice@example.com'): Promise<string> {
  const response = await fetch(`${authUrl}/auth/session/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie()[0];
  if (!response.ok || cookie === undefined) throw new Error(`session login at ${authUrl} answered ${response.status} without a cookie`);
  return cookie.split(';')[0]!;
}

/** Step 4: the token with `roles` changed to admin, header and signature kept. */
export function promotedToAdmin(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  claims.roles = ['admin'];
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}
