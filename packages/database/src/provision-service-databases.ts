// The privileged step of a container deployment, run once per `docker compose up` before any
// service starts (docker-compose.yml, `database-setup`): the same code `npm start` and the tests run
// through @sso/stack. It needs the administrator's URL; the services never see it.
//
//   ADMIN_DATABASE_URL     postgresql://postgres:<password>@postgres:5432/postgres
//   SERVICE_DATABASE_URLS  postgresql://auth:<password>@postgres:5432/auth,postgresql://shop:...
//
// Each service URL names the role, its password and its database: the very URL the service gets
// as DATABASE_URL, so the two cannot disagree.
import { loadConfigOrExit, postgresUrl } from '@sso/config';
import { z } from 'zod';
import { credentialsOf, databaseNameOf } from './connection-url.js';
import { provisionServiceDatabase } from './service-database.js';

const NAME = 'database-setup';

const settings = loadConfigOrExit(
  NAME,
  z.object({
    ADMIN_DATABASE_URL: postgresUrl(),
    SERVICE_DATABASE_URLS: z
      .string()
      .transform((list) => list.split(',').map((url) => url.trim()).filter(Boolean))
      .refine(
        (urls) => urls.length > 0 && urls.every((url) => postgresUrl().safeParse(url).success && hasCredentials(url)),
        'must be a comma-separated list of postgresql://role:password@host:port/database URLs',
      ),
  }),
);

try {
  for (const serviceUrl of settings.SERVICE_DATABASE_URLS) {
    await provisionServiceDatabase(settings.ADMIN_DATABASE_URL, serviceUrl);
    process.stdout.write(`${NAME}: role ${credentialsOf(serviceUrl).role} owns database ${databaseNameOf(serviceUrl)}\n`);
  }
} catch (error) {
  process.stderr.write(`${NAME}: failed: ${(error as Error).message}\n`);
  process.exit(1);
}

function hasCredentials(url: string): boolean {
  const { username, password } = new URL(url);
  return username !== '' && password !== '';
}
