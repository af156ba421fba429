import type { ServiceName } from './service-names.js';

/** The contract's demo accounts, seeded by `npm start`. */
export const DEMO_ACCOUNTS = [
  ['alice@example.com', 'customer'],
  ['bob@example.com', 'agent'],
  ['carol@example.com', 'admin'],
  ['dave@example.com', 'moderator'],
] as const;

export const DEMO_PASSWORD = 'sso-demo-password';

// Node instead of jq, which is not installed everywhere; Node is, since it runs the stack.
const stdinJson = 'JSON.parse(require("fs").readFileSync(0))';
/** Prints a field of the JSON on stdin as text. */
const printField = (path: string) => `node -pe '${stdinJson}${path}'`;
/** Prints a field of the JSON on stdin as JSON, so it can be pasted into another body whatever its type. */
const printFieldAsJson = (path: string) => `node -pe 'JSON.stringify(${stdinJson}${path})'`;

/** What `npm start` prints once every service is healthy: URLs, demo accounts and a walkthrough to paste into bash. */
export function startBanner(ports: Record<ServiceName, number>, pgPort: number, dataDir: string): string {
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
