import { describe, expect, it } from '@jest/globals';
import { startBanner } from './start-banner.js';

describe('startBanner', () => {
  const ports = { auth: 3000, shop: 3001, helpdesk: 3002, forum: 3003 };

  it('says in one line that sessions are per-server, and how to share them', () => {
    const lines = startBanner(ports, 5433, '.data', 'per-server').split('\n');
    expect(lines.filter((line) => line.includes('SESSION_MODE'))).toEqual([
      "Session cookies: per-server (shop, helpdesk and forum refuse auth's session); `SESSION_MODE=shared-store npm start` shares auth's session store.",
    ]);
  });

  it('says in one line that sessions come from the shared store, and how to switch back', () => {
    const lines = startBanner(ports, 5433, '.data', 'shared-store').split('\n');
    expect(lines.filter((line) => line.includes('SESSION_MODE'))).toEqual([
      "Session cookies: shared-store (shop, helpdesk and forum read auth's session store on every request); `SESSION_MODE=per-server npm start` switches back.",
    ]);
  });
});
