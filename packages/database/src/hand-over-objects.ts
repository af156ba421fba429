import { withConnection } from './with-connection.js';

/**
 * `ALTER ... OWNER TO $1` for every table, view, sequence, enum and domain of the public schema
 * that `$1` does not own yet, as Prisma's migrations create them. A sequence that a column owns
 * (serial, identity) follows its table, and PostgreSQL refuses to move it alone; extension members
 * belong to their extension.
 */
const OWNERSHIP_STATEMENTS = `
  WITH objects AS (
    SELECT c.oid, 'pg_class'::regclass AS catalog, c.relowner AS owner,
           CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
           c.relname AS name
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    UNION ALL
    SELECT t.oid, 'pg_type'::regclass, t.typowner, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typname
      FROM pg_type t
     WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
  )
  SELECT format('ALTER %s public.%I OWNER TO %I', kind, name, $1::text) AS statement
    FROM objects
   WHERE owner <> $1::regrole
     AND NOT EXISTS (
       SELECT 1 FROM pg_depend d
        WHERE d.classid = objects.catalog AND d.objid = objects.oid
          AND (d.deptype = 'e' OR (kind = 'SEQUENCE' AND d.deptype IN ('a', 'i')))
     )`;

/**
 * Makes `role` the owner of what the public schema of the database at `adminUrl` holds. Databases
 * made before each service had a role of its own were filled by the superuser; without this, the
 * service's role could not migrate or even read its own tables. One transaction: all or nothing.
 */
export async function handOverObjects(adminUrl: string, role: string): Promise<void> {
  await withConnection(adminUrl, async (client) => {
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ statement: string }>(OWNERSHIP_STATEMENTS, [role]);
      for (const { statement } of rows) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
