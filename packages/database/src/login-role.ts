import type pg from 'pg';
import { scramSha256Verifier } from './scram-verifier.js';

/**
 * Everything a service's role may not do: it is no superuser (so no `COPY ... TO PROGRAM`, no
 * reading server files, no bypassing permissions), creates no database and no role, cannot
 * replicate or bypass row-level security. It may only log in (OWASP Database Security Cheat
 * Sheet, "Permissions": least privilege, one account per application).
 */
const LEAST_PRIVILEGE = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

/**
 * Creates `role` with only the right to log in, or, when it exists, takes back any attribute it
 * gained and sets its password: run on every start, so a changed password takes effect and a
 * role's attributes cannot drift. `admin` is a superuser's connection.
 */
export async function ensureLoginRole(admin: pg.Client, role: string, password: string): Promise<void> {
  const administrator = (await admin.query<{ name: string }>('SELECT current_user AS name')).rows[0]!.name;
  if (role === administrator) throw new Error(`A service must not log in as the administrator (${role}); give it a role of its own.`);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = rowCount ? 'ALTER' : 'CREATE';
  await admin.query(`${verb} ROLE ${admin.escapeIdentifier(role)} WITH ${LEAST_PRIVILEGE} PASSWORD ${admin.escapeLiteral(scramSha256Verifier(password))}`);
}
