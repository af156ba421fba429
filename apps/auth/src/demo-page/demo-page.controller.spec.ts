import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAuthApp, type TestAuthApp } from '../auth-app.test-support.js';
import { DEMO_ACCOUNTS } from '../demo/demo-data.js';

describe('the demo page', () => {
  let auth: TestAuthApp;

  beforeAll(async () => {
    auth = await startAuthApp({ SEED_DEMO_DATA: 'true', DEMO_SHOP_URL: 'http://localhost:4001' });
  });
  afterAll(() => auth?.close());

  it('serves the page, its module and its style sheet to anyone', async () => {
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/demo/app.js', 'text/javascript'],
      ['/demo/styles.css', 'text/css'],
    ]) {
      const response = await fetch(`${auth.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(new RegExp(`^${type}`));
    }
  });

  it('tells the page where the services are and which demo accounts exist', async () => {
    const settings = (await (await fetch(`${auth.url}/demo/settings.json`)).json()) as { services: Record<string, string>; accounts: unknown[] };
    expect(settings.services).toEqual({ shop: 'http://localhost:4001', helpdesk: 'http://localhost:3002', forum: 'http://localhost:3003' });
    expect(settings.accounts).toEqual(DEMO_ACCOUNTS);
  });

  it('serves nothing else from the public folder, and no path from the URL reaches the disk', async () => {
    for (const path of ['/demo/index.html', '/demo/..%2F..%2Fpackage.json', '/demo/constructor']) {
      const response = await fetch(`${auth.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });
});
