/**
 * Variable names that hold a secret, by how they end: `DB_PASSWORD`, `PGPASSWORD`,
 * `INTROSPECTION_CLIENT_SECRET`, `SIGNING_KEY_ENCRYPTION_KEY`, `METRICS_TOKEN`. Only the ending
 * counts, so settings that merely mention one (`ACCESS_TOKEN_TTL`, `TOKEN_VALIDATION`,
 * `KEY_ROTATION_DELAY`) are quoted like any other: their values are what an operator needs to see.
 */
const SECRET_NAME = /(?:PASSWORD|PASSWD|SECRET|(?:^|_)(?:KEY|TOKEN|CREDENTIALS?))$/i;

/** From a URL's `//` to its last `@`: the userinfo (RFC 3986 §3.2.1), wherever the value breaks the URL syntax. */
const URL_USERINFO = /\/\/(.*)@/s;

/** A libpq keyword/value connection string's password (`host=db password=secret`). */
const CONNINFO_PASSWORD = /(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi;

/**
 * How an error message may quote a variable's value: not at all when the name suggests a secret,
 * otherwise with any password in it masked (`postgresql://user:***@host/db`). The value quoted is
 * usually one that failed to parse, so the masking reads it as text, not as a URL. OWASP Logging
 * cheat sheet ("Data to exclude"): passwords, keys and connection strings never reach a log.
 */
export function printableValue(variable: string, value: string): string | undefined {
  if (SECRET_NAME.test(variable)) return undefined;
  return value.replace(URL_USERINFO, (_match, userinfo: string) => `//${maskPassword(userinfo)}@`).replace(CONNINFO_PASSWORD, '$1***');
}

/** `user:password` becomes `user:***`; a user name alone is kept. */
function maskPassword(userinfo: string): string {
  const colon = userinfo.indexOf(':');
  return colon === -1 ? userinfo : `${userinfo.slice(0, colon)}:***`;
}
