/** The database a `postgresql://` URL names (its path), decoded. */
export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error(`The database URL names no database: ${withoutPassword(databaseUrl)}`);
  return name;
}

/** The role and password a `postgresql://` URL logs in with, decoded. */
export function credentialsOf(databaseUrl: string): { role: string; password: string } {
  const url = new URL(databaseUrl);
  const role = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!role || !password) throw new Error(`The database URL names no role or no password: ${withoutPassword(databaseUrl)}`);
  return { role, password };
}

/** The same server and credentials, connected to another database. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** The URL as it may appear in a message: the password replaced by `***`. */
export function withoutPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
