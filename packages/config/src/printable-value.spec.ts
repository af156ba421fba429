import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { seconds } from './fields.js';
import { loadConfig } from './load-config.js';
import { printableValue } from './printable-value.js';

describe('printableValue', () => {
  it.each([
    'DB_PASSWORD',
    'PGPASSWORD',
    'SESSION_SECRET',
    'INTROSPECTION_CLIENT_SECRET',
    'HELPDESK_CLIENT_SECRET',
    'SIGNING_KEY_ENCRYPTION_KEY',
    'PRIVATE_KEY',
    'METRICS_TOKEN',
    'API_TOKEN',
    'AWS_CREDENTIALS',
  ])('hides the value of %s, a secret by its name', (variable) => {
    expect(printableValue(variable, 'hunter2')).toBeUndefined();
  });

  it.each([
    ['ACCESS_TOKEN_TTL', 'abc'],
    ['REFRESH_TOKEN_TTL', '1 week'],
    ['TOKEN_VALIDATION', 'remote'],
    ['VERIFIED_TOKEN_CACHE', '-1'],
    ['KEY_ROTATION_DELAY', 'soon'],
    ['ACCESS_TOKEN_AUDIENCE', 'shop,'],
    ['INTROSPECTION_CLIENT_ID', 'Shop Reports'],
  ])('shows the value of %s, which only mentions a secret, as it is', (variable, value) => {
    expect(printableValue(variable, value)).toBe(value);
  });

  it('masks the password in a URL whatever the variable, and keeps the rest', () => {
    expect(printableValue('DATABASE_URL', 'postgresql://shop:s3cret-pw@db:5432/shop')).toBe('postgresql://shop:***@db:5432/shop');
    expect(printableValue('AUTH_URL', 'http://admin:s3cret-pw@auth:3000')).toBe('http://admin:***@auth:3000');
    expect(printableValue('DATABASE_URL', 'host=db password=s3cret-pw dbname=shop')).toBe('host=db password=*** dbname=shop');
    expect(printableValue('SHOP_URL', 'http://shop:3001')).toBe('http://shop:3001');
  });

  it('lets a boot error quote what was wrong with a harmless setting, and still not a secret', () => {
    const schema = z.object({ ACCESS_TOKEN_TTL: seconds(60, 3600), METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters') });
    const messageOf = (env: Record<string, string>) => {
      try {
        loadConfig(schema, { ACCESS_TOKEN_TTL: '900', METRICS_TOKEN: 'a'.repeat(32), ...env });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('loadConfig accepted it');
    };
    expect(messageOf({ ACCESS_TOKEN_TTL: 'abc' })).toMatch(/^ACCESS_TOKEN_TTL: .* \(got "abc"\)$/);
    expect(messageOf({ METRICS_TOKEN: 'hunter2' })).toBe('METRICS_TOKEN: must be at least 32 characters (value not shown)');
  });
});
