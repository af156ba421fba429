import { describe, expect, it } from '@jest/globals';
import { startBanner } from './start-banner.js';

describe('startBanner', () => {
  const ports = { auth: 3000, shop: 3001, helpdesk: 3002, forum: 3003 };

  it('says in one line that sessions are per-server, and how to share them', () => {
    const lines = startBanner(ports, 5433, '.data', 'per-server', '127.0.0.1').split('\n');
    expect(lines.filter((line) => line.startsWith('Session cookies:'))).toEqual([
      "Session cookies: per-server (shop, helpdesk and forum refuse auth's session); `SESSION_MODE=shared-store npm start` shares auth's session store.",
    ]);
  });

  it('says in one line that sessions come from the shared store, and how to switch back', () => {
    const lines = startBanner(ports, 5433, '.data', 'shared-store', '127.0.0.1').split('\n');
    expect(lines.filter((line) => line.startsWith('Session cookies:'))).toEqual([
      "Session cookies: shared-store (shop, helpdesk and forum read auth's session store on every request); `SESSION_MODE=per-server npm start` switches back.",
    ]);
  });

  it('says that the services listen on this machine only, and how to open them', () => {
    const lines = startBanner(ports, 5433, '.data', 'per-server', '127.0.0.1').split('\n');
    expect(lines.filter((line) => line.includes('listen'))).toEqual([
      'The services listen on 127.0.0.1 only; `HOST=0.0.0.0 npm start` opens them to the network, demo accounts included.',
    ]);
  });

  it('points at each service\'s API reference with the real ports', () => {
    const banner = startBanner(ports, 5433, '.data', 'per-server', '127.0.0.1');
    for (const port of Object.values(ports)) expect(banner).toContain(`http://localhost:${port}/docs`);
  });

  it('names the host the user chose', () => {
    const lines = startBanner(ports, 5433, '.data', 'per-server', '0.0.0.0').split('\n');
    expect(lines.filter((line) => line.includes('listen'))).toEqual(['The services listen on 0.0.0.0 (HOST).']);
  });
});
