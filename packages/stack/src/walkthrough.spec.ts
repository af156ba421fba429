import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root.js';
import { startBanner } from './start-banner.js';
import { walkthrough } from './walkthrough.js';

const DEFAULT_PORTS = { auth: 3000, shop: 3001, helpdesk: 3002, forum: 3003 };

describe('the walkthrough', () => {
  it('is in the README verbatim, with the default ports', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`bash\n${walkthrough(DEFAULT_PORTS)}\n\`\`\``);
  });

  it('is what npm start prints, with the real ports', () => {
    const ports = { auth: 4000, shop: 4001, helpdesk: 4002, forum: 4003 };
    const banner = startBanner(ports, 5433, '.data', 'per-server', '127.0.0.1');
    expect(banner).toContain(walkthrough(ports));
    expect(banner).not.toContain('localhost:300');
  });

  it('opens the banner with the demo page', () => {
    const banner = startBanner(DEFAULT_PORTS, 5433, '.data', 'per-server', '127.0.0.1');
    expect(banner.trim().split('\n')[0]).toBe('The stack is running. Open the demo page: http://localhost:3000/');
  });

  it('stops auth through this checkout\'s stack, never by a process-name match', () => {
    expect(walkthrough(DEFAULT_PORTS)).toContain('npm run -s stack -- stop auth');
    expect(walkthrough(DEFAULT_PORTS)).not.toMatch(/pgrep|pkill/);
  });
});
