/**
 * Whole seconds until a JWT's `exp` claim (read, not verified: the services do the verifying).
 * A logout cannot recall an access token; this is how long a kept copy keeps working.
 */
export function secondsUntilExpiry(jwt: string, now = Date.now()): number {
  const payload = jwt.split('.')[1];
  const { exp } = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
  if (typeof exp !== 'number') throw new Error('The access token has no numeric exp claim.');
  return Math.max(0, Math.floor(exp - now / 1000));
}
