import { credentialsOf, databaseNameOf, withDatabase, withoutPassword } from './connection-url.js';
import { ensureDatabase } from './ensure-database.js';
import { handOverObjects } from './hand-over-objects.js';
import { ensureLoginRole } from './login-role.js';
import { withConnection } from './with-connection.js';

/**
 * The privileged step for one service, run with a superuser's connection (`adminUrl`) before the
 * service starts: the role and password of `serviceUrl` become a login role with no other
 * privilege, its database is created if missing and owned by that role, and no other role may
 * connect to it (CONNECT and TEMPORARY are revoked from PUBLIC, which every role belongs to).
 * The service then migrates and uses its database as that role, and can reach nothing else:
 * another service's database, `COPY ... TO PROGRAM` and `CREATE DATABASE` are all refused.
 * Idempotent: run it on every start.
 */
export async function provisionServiceDatabase(adminUrl: string, serviceUrl: string): Promise<void> {
  const { role, password } = credentialsOf(serviceUrl);
  const database = databaseNameOf(serviceUrl);
  try {
    await withConnection(adminUrl, (admin) => ensureLoginRole(admin, role, password));
    await ensureDatabase(withDatabase(adminUrl, database));
    await withConnection(adminUrl, async (admin) => {
      const name = admin.escapeIdentifier(database);
      await admin.query(`ALTER DATABASE ${name} OWNER TO ${admin.escapeIdentifier(role)}`);
      await admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
    });
    await handOverObjects(withDatabase(adminUrl, database), role);
  } catch (error) {
    throw new Error(`Could not prepare ${withoutPassword(serviceUrl)}: ${(error as Error).message}`, { cause: error });
  }
}
