import type { NestExpressApplication } from '@nestjs/platform-express';
import { createService } from '@sso/bootstrap';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { AppModule } from './app.module.js';
import { authConfigSchema } from './config.js';
import { OAUTH_FORM_ROUTES } from './oauth/oauth-form-routes.js';
import { PrismaService } from './prisma/prisma.service.js';

/** auth booted as `npm start` boots it, on a throwaway database, listening on a free port. */
export interface TestAuthApp {
  url: string;
  app: NestExpressApplication;
  /** The app's own client, to look at what a request stored. */
  prisma: PrismaService;
  database: TestDatabase;
  /** Closes the app, then stops and deletes its database. */
  close(): Promise<void>;
}

export async function startAuthApp(environment: Record<string, string> = {}): Promise<TestAuthApp> {
  const database = await startTestDatabase({ name: 'auth', migrations: new URL('../prisma/migrations', import.meta.url) });
  let app: NestExpressApplication | undefined;
  const close = async () => {
    await app?.close();
    await database.stop();
  };
  try {
    const config = authConfigSchema.parse({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...environment });
    app = await createService(AppModule.forRoot(config), { name: 'auth', allowedOrigins: config.ALLOWED_ORIGINS, formRoutes: OAUTH_FORM_ROUTES });
    await app.listen(0, '127.0.0.1');
    return { url: await app.getUrl(), app, prisma: app.get(PrismaService), database, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The password of {@link registerUser}'s accounts: long enough for NIST SP 800-63B-4. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Registers an account through the API, as a user would, and returns its id. */
export async function registerUser(url: string, email: string): Promise<string> {
  const response = await postJson(`${url}/auth/register`, { email, password: TEST_PASSWORD, name: 'Test User' });
  if (response.status !== 201) throw new Error(`register answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** One `Set-Cookie` of a response: its value as sent (URL-encoded) and its attributes, names lower-cased. */
export interface SetCookie {
  value: string;
  attributes: Record<string, string | true>;
}

/** The cookies a response sets, by name. */
export function setCookiesOf(response: Response): Map<string, SetCookie> {
  return new Map(
    response.headers.getSetCookie().map((header) => {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const [name, value] = splitOnce(pair!, '=');
      const parsed = attributes.map((attribute) => splitOnce(attribute, '='));
      return [name, { value: value ?? '', attributes: Object.fromEntries(parsed.map(([key, val]) => [key.toLowerCase(), val ?? true])) }];
    }),
  );
}

/** True when the cookie is being deleted: expired in the past (how express's `clearCookie` does it). */
export function isCleared(cookie: SetCookie | undefined): boolean {
  return cookie !== undefined && typeof cookie.attributes.expires === 'string' && Date.parse(cookie.attributes.expires) < Date.now();
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** A form POST, as OAuth clients send to `/oauth/token` and `/oauth/introspect`; repeated parameters as arrays. */
export function postForm(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
}

/** client_secret_basic's header (RFC 6749 §2.3.1): id and secret form-encoded, then base64. */
export function basicAuthorization(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** A JWT's header and claims, read without verifying (the tests check what was signed, not whether). */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
  return { header: header!, claims: claims! };
}

/** Logs in an account made by {@link registerUser}; with `admin`, it is made an admin first, in the database. */
export async function loginAs(auth: TestAuthApp, email: string, { admin = false } = {}): Promise<string> {
  const id = await registerUser(auth.url, email);
  if (admin) await auth.prisma.user.update({ where: { id }, data: { roles: ['admin'] } });
  const response = await postJson(`${auth.url}/auth/login`, { email, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
