// `npm run rotate-keys`: asks the running auth to rotate its signing key, as an admin.
// AUTH_URL (default http://localhost:$AUTH_PORT, 3000) says where auth is; ADMIN_EMAIL and
// ADMIN_PASSWORD whose credentials to use (default: the demo admin that `npm start` seeds).
const authUrl = process.env.AUTH_URL ?? `http://localhost:${process.env.AUTH_PORT ?? 3000}`;
const email = process.env.ADMIN_EMAIL ?? 'carol@example.com';
const password = process.env.ADMIN_PASSWORD ?? 'sso-demo-password';

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${authUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

try {
  const login = await post('/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`logging in as ${email} answered ${login.status}: ${login.body?.message ?? ''}`);
  const rotation = await post('/auth/keys/rotate', {}, login.body.access_token);
  if (rotation.status !== 202) throw new Error(`POST /auth/keys/rotate answered ${rotation.status}: ${rotation.body?.message ?? ''}`);
  console.log(`New signing key ${rotation.body.kid}: published now, signing from ${rotation.body.activatesAt}.`);
  for (const old of rotation.body.retiring) console.log(`Key ${old.kid} stays published until ${old.retiresAt}.`);
} catch (error) {
  console.error(`rotate-keys: ${(error as Error).message} (auth at ${authUrl})`);
  process.exitCode = 1;
}
