import type { RunningStack, ServiceName } from '@sso/stack';
import { CAROL, login } from './demo.js';
import { call } from './http.js';

/** A registered application: what `POST /auth/clients` answers, the secret shown once. */
export interface Application {
  client_id: string;
  client_secret: string;
  scope: string[];
  audience: string[];
}

/** Registers an application as the demo admin (carol), through auth's admin endpoint. */
export async function registerApplication(
  stack: RunningStack,
  registration: { name: string; scope: string[]; audience: ServiceName[] },
): Promise<Application> {
  const { access_token } = await login(stack, CAROL);
  const reply = await call<Application>('POST', `${stack.urls.auth}/auth/clients`, { token: access_token, json: registration });
  if (reply.status !== 201) throw new Error(`POST /auth/clients answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** The application's access token by the client credentials grant (client_secret_basic); throws on any other answer than 200. */
export async function applicationToken(stack: RunningStack, application: Application, form: Record<string, string> = {}): Promise<string> {
  const basic = Buffer.from(`${encodeURIComponent(application.client_id)}:${encodeURIComponent(application.client_secret)}`).toString('base64');
  const reply = await call('POST', `${stack.urls.auth}/oauth/token`, {
    headers: { authorization: `Basic ${basic}` },
    form: { grant_type: 'client_credentials', ...form },
  });
  if (reply.status !== 200) throw new Error(`the client credentials grant answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body.access_token as string;
}
