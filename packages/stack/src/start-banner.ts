import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import type { ServiceName } from './service-names.js';
import type { SessionMode } from './start-settings.js';
import { walkthrough } from './walkthrough.js';

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

/** What `npm start` prints once every service is healthy: the demo page, URLs, demo accounts and the README's walkthrough. */
export function startBanner(
  ports: Record<ServiceName, number>,
  pgPort: number,
  dataDir: string,
  sessionMode: SessionMode,
  host: string,
): string {
  const at = (name: ServiceName) => `localhost:${ports[name]}`;
  return `
The stack is running. Open the demo page: http://${at('auth')}/

  auth      http://${at('auth')}
  shop      http://${at('shop')}
  helpdesk  http://${at('helpdesk')}
  forum     http://${at('forum')}
  postgres  postgresql://postgres:postgres@127.0.0.1:${pgPort} (data in ${dataDir})

API reference (Swagger UI; OpenAPI JSON at /docs/json):
  auth http://${at('auth')}/docs · shop http://${at('shop')}/docs · helpdesk http://${at('helpdesk')}/docs · forum http://${at('forum')}/docs

${listenLine(host)}
${SESSION_MODE_LINES[sessionMode]}

Demo accounts, all with the password ${DEMO_PASSWORD}:
${DEMO_ACCOUNTS.map(([email, role]) => `  ${email.padEnd(19)} ${role}`).join('\n')}

The README's walkthrough, with these ports (paste into bash, in this checkout):

${walkthrough(ports)}

\`npm run stack -- stop|start <service>\` stops or starts one service. Press Ctrl-C to stop everything.
`;
}
