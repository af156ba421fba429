import { describe, expect, it } from '@jest/globals';
import { authConfigSchema } from '../config.js';
import { demoPageHelmetOptions } from './demo-page-security.js';

const config = (environment: Record<string, string>) => authConfigSchema.parse({ DATABASE_URL: 'postgres://localhost/auth', ...environment });
const directives = (environment: Record<string, string>) =>
  (demoPageHelmetOptions(config(environment))?.contentSecurityPolicy as { directives: Record<string, unknown> }).directives;

describe('the demo page security headers', () => {
  it('let the page connect to auth and the three services, nowhere else', () => {
    expect(directives({}).connectSrc).toEqual(["'self'", 'http://localhost:3001', 'http://localhost:3002', 'http://localhost:3003']);
  });

  it('keep upgrade-insecure-requests only when every service is https', () => {
    expect(directives({}).upgradeInsecureRequests).toBeNull();
    const https = { DEMO_SHOP_URL: 'https://shop.example', DEMO_HELPDESK_URL: 'https://help.example', DEMO_FORUM_URL: 'https://forum.example' };
    expect(directives(https).upgradeInsecureRequests).toEqual([]);
  });
});
