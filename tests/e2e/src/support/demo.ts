import type { RunningStack, ServiceName } from '@sso/stack';
import { call } from './http.js';

export const DEMO_PASSWORD = 'sso-demo-password';
export const ALICE = 'alice@example.com'; // customer
export const BOB = 'bob@example.com'; // agent
export const CAROL = 'carol@example.com'; // admin
export const DAVE = 'dave@example.com'; // moderator

export const RESOURCE_SERVICES = ['shop', 'helpdesk', 'forum'] as const satisfies readonly ServiceName[];

export interface TokenPair {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}

/** Logs in at auth, once, and returns the token pair. */
export async function login(stack: RunningStack, email: string, password = DEMO_PASSWORD): Promise<TokenPair> {
  const reply = await call<TokenPair>('POST', `${stack.urls.auth}/auth/login`, { json: { email, password } });
  if (reply.status !== 200) throw new Error(`login as ${email} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** A user made just for one test, so tests never see each other's data. */
export async function registerAndLogin(stack: RunningStack, name: string): Promise<TokenPair & { email: string }> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = `a long password for ${name}`;
  const reply = await call('POST', `${stack.urls.auth}/auth/register`, { json: { email, password, name } });
  if (reply.status !== 201) throw new Error(`register answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return { ...(await login(stack, email, password)), email };
}
