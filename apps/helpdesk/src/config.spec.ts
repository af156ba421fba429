import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@sso/config';
import { helpdeskConfigSchema } from './config.js';

const base = { DATABASE_URL: 'postgresql://helpdesk@127.0.0.1:5433/helpdesk', AUTH_URL: 'http://localhost:3000' };
const shopCalls = { SHOP_URL: 'http://localhost:3001', HELPDESK_CLIENT_ID: 'helpdesk', HELPDESK_CLIENT_SECRET: 'x'.repeat(43) };

describe('helpdesk’s configuration of its calls to shop', () => {
  it('takes all three settings, or none', () => {
    expect(loadConfig(helpdeskConfigSchema, { ...base, ...shopCalls })).toMatchObject({ ...shopCalls, AUTH_URL: base.AUTH_URL, PORT: 3002 });
    const none = loadConfig(helpdeskConfigSchema, base);
    expect(none).toMatchObject({ PORT: 3002, JWKS_URI: 'http://localhost:3000/.well-known/jwks.json' });
    expect(none.SHOP_URL).toBeUndefined();
  });

  it.each([
    [{ SHOP_URL: shopCalls.SHOP_URL }, 'HELPDESK_CLIENT_ID is required when SHOP_URL is set; HELPDESK_CLIENT_SECRET is required when SHOP_URL is set'],
    [{ SHOP_URL: shopCalls.SHOP_URL, HELPDESK_CLIENT_ID: 'helpdesk' }, 'HELPDESK_CLIENT_SECRET is required when SHOP_URL and HELPDESK_CLIENT_ID are set'],
    [{ HELPDESK_CLIENT_ID: 'helpdesk', HELPDESK_CLIENT_SECRET: shopCalls.HELPDESK_CLIENT_SECRET }, 'SHOP_URL is required when HELPDESK_CLIENT_ID and HELPDESK_CLIENT_SECRET are set'],
    [{ ...shopCalls, SHOP_URL: 'shop:3001' }, 'SHOP_URL: must be an http or https URL (got "shop:3001")'],
    [{ ...shopCalls, HELPDESK_CLIENT_SECRET: 'short-secret' }, 'HELPDESK_CLIENT_SECRET: must be at least 32 characters (value not shown)'],
  ])('refuses a partial or bad set in one line naming the variable: %p', (settings, message) => {
    const load = () => loadConfig(helpdeskConfigSchema, { ...base, ...settings });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new ConfigError(message));
  });
});
