import type { NestExpressApplication } from '@nestjs/platform-express';
import { createService } from '@sso/bootstrap';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { AppModule } from './app.module.js';
import { authConfigSchema } from './config.js';
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
    app = await createService(AppModule.forRoot(config), { name: 'auth', allowedOrigins: config.ALLOWED_ORIGINS, formRoutes: ['/oauth/token'] });
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
