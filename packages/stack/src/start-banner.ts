import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import type { ServiceName } from './service-names.js';
import type { SessionMode } from './start-settings.js';

// Node instead of jq, which is not installed everywhere; Node is, since it runs the stack.
const stdinJson = 'JSON.parse(require("fs").readFileSync(0))';
/** Prints a field of the JSON on stdin as text. */
const printField = (path: string) => `node -pe '${stdinJson}${path}'`;
/** Prints a field of the JSON on stdin as JSON, so it can be pasted into another body whatever its type. */
const printFieldAsJson = (path: string) => `node -pe 'JSON.stringify(${stdinJson}${path})'`;

/** How the resource services treat auth's session cookie, and how to run the other mode. */
const SESSION_MODE_LINES: Record<SessionMode, string> = {
  'per-server':
    "Session cookies: per-server (shop, helpdesk and forum refuse auth's session); `SESSION_MODE=shared-store npm start` shares auth's session store.",
  'shared-store':
    "Session cookies: shared-store (shop, helpdesk and forum read auth's session store on every request); `SESSION_MODE=per-server npm start` switches back.",
};

/** Where the services listen, and how to change it: the demo password is public, so say so. */
function listenLine(host: string): string {
  return host === '127.0.0.1'
    ? 'The services listen on 127.0.0.1 only; `HOST=0.0.0.0 npm start` opens them to the network, demo accounts included.'
    : `The services listen on ${host} (HOST).`;
}

/** What `npm start` prints once every service is healthy: URLs, demo accounts and a walkthrough to paste into bash. */
export function startBanner(
  ports: Record<ServiceName, number>,
  pgPort: number,
  dataDir: string,
  sessionMode: SessionMode,
  host: string,
): string {
  const at = (name: ServiceName) => `localhost:${ports[name]}`;
  const bearer = '-H "Authorization: Bearer $TOKEN"';
  const json = "-H 'content-type: application/json'";
  return `
The stack is running.

  auth      http://${at('auth')}
  shop      http://${at('shop')}
  helpdesk  http://${at('helpdesk')}
  forum     http://${at('forum')}
  postgres  postgresql://postgres:postgres@127.0.0.1:${pgPort} (data in ${dataDir})

${listenLine(host)}
${SESSION_MODE_LINES[sessionMode]}

Demo accounts, all with the password ${DEMO_PASSWORD}:
${DEMO_ACCOUNTS.map(([email, role]) => `  ${email.padEnd(19)} ${role}`).join('\n')}

Log in once at auth, then use the one token everywhere (bash):

  TOKEN=$(curl -s ${at('auth')}/auth/login ${json} \\
    -d '{"email":"alice@example.com","password":"${DEMO_PASSWORD}"}' | ${printField('.access_token')})
  curl -s ${at('shop')}/me ${bearer}; echo
  curl -s ${at('helpdesk')}/me ${bearer}; echo
  curl -s ${at('forum')}/me ${bearer}; echo

  PRODUCT=$(curl -s ${at('shop')}/products | ${printFieldAsJson('[0].id')})
  curl -s ${at('shop')}/orders ${bearer} ${json} -d "{\\"productId\\":$PRODUCT,\\"quantity\\":1}"; echo
  curl -s ${at('helpdesk')}/tickets ${bearer} ${json} -d '{"subject":"Where is my order?","body":"It has not arrived yet."}'; echo
  curl -s ${at('forum')}/threads ${bearer} ${json} -d '{"title":"Hello","body":"One login, every service."}'; echo

Press Ctrl-C to stop everything.
`;
}
