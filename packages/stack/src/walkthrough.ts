import { DEMO_PASSWORD } from './demo-accounts.js';
import type { ServiceName } from './service-names.js';

/**
 * The README's walkthrough, to paste into bash with `npm start` running: one text, printed by
 * `npm start` with the real ports and shown in the README with the default ones (a spec checks
 * that the README holds it verbatim).
 */
export function walkthrough(ports: Record<ServiceName, number>): string {
  const [auth, shop, helpdesk, forum] = (['auth', 'shop', 'helpdesk', 'forum'] as const).map((name) => `localhost:${ports[name]}`);
  const bearer = (variable: string) => `-H "Authorization: Bearer $${variable}"`;
  const json = "-H 'content-type: application/json'";
  // Node instead of jq, which is not installed everywhere; Node is, since it runs the stack.
  const field = (path: string) => `node -pe 'JSON.parse(require("fs").readFileSync(0))${path}'`;
  const alice = `'{"email":"alice@example.com","password":"${DEMO_PASSWORD}"}'`;
  return `# 1. Log in once, at auth.
TOKEN=$(curl -s ${auth}/auth/login ${json} \\
  -d ${alice} \\
  | ${field('.access_token')})

# 2. The same token, on three other servers.
curl -s ${shop}/me ${bearer('TOKEN')}; echo
curl -s ${helpdesk}/me ${bearer('TOKEN')}; echo
curl -s ${forum}/me ${bearer('TOKEN')}; echo

# 3. Do something on each.
PRODUCT=$(curl -s ${shop}/products | ${field('[0].id')})
curl -s ${shop}/orders ${bearer('TOKEN')} ${json} \\
  -d "{\\"productId\\":\\"$PRODUCT\\",\\"quantity\\":2}"; echo
curl -s ${helpdesk}/tickets ${bearer('TOKEN')} ${json} \\
  -d '{"subject":"Where is my mug?","body":"Ordered it a minute ago."}'; echo
curl -s ${forum}/threads ${bearer('TOKEN')} ${json} \\
  -d '{"title":"Hello","body":"Logged in once, posting here."}'; echo

# 4. Promote yourself to admin by editing the token: every service refuses it.
FORGED=$(node -e 'const [h, p, s] = process.argv[1].split(".");
  const claims = JSON.parse(Buffer.from(p, "base64url")); claims.roles = ["admin"];
  console.log([h, Buffer.from(JSON.stringify(claims)).toString("base64url"), s].join("."))' "$TOKEN")
curl -si ${shop}/orders ${bearer('FORGED')} | grep -i -e '^HTTP' -e www-authenticate

# 5. Log in the classic way instead: a session at auth. Only auth knows it (unless
#    SESSION_MODE=shared-store npm start, where every service reads auth's session table).
curl -s -c /tmp/sso-cookies ${auth}/auth/session/login ${json} \\
  -d ${alice}; echo
curl -s -b /tmp/sso-cookies ${auth}/auth/session/me; echo
curl -s -b /tmp/sso-cookies ${shop}/session/me; echo

# 6. Stop auth (this checkout's only). The services never call it per request, so the token
#    still works everywhere.
npm run -s stack -- stop auth
curl -s ${shop}/me ${bearer('TOKEN')}; echo
curl -s ${forum}/threads ${bearer('TOKEN')} ${json} \\
  -d '{"title":"Auth is down","body":"and I can still post."}'; echo

# 7. Start auth again.
npm run -s stack -- start auth`;
}
