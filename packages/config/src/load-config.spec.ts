import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ConfigError, httpUrl, loadConfig, resourceServiceSettings, serviceSettings } from './index.js';

const schema = z.object({ ...serviceSettings(3001), AUTH_URL: httpUrl() });
const valid = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5433/shop', AUTH_URL: 'http://localhost:3000' };

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig(schema, valid);
    expect(config).toEqual({ ...valid, PORT: 3001, LOG_LEVEL: 'info', LOG_FORMAT: 'json', SEED_DEMO_DATA: false });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { ...valid, PORT: '' }).PORT).toBe(3001);
  });

  it('reads flags and ports', () => {
    const config = loadConfig(schema, { ...valid, PORT: '8080', SEED_DEMO_DATA: 'true' });
    expect(config.PORT).toBe(8080);
    expect(config.SEED_DEMO_DATA).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: must be a port number \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT: must be a port from 1 to 65535 \(got "70000"\)$/],
    [{ AUTH_URL: 'localhost:3000' }, /^AUTH_URL: must be an http or https URL/],
    [{ AUTH_URL: 'http://localhost:3000/' }, /^AUTH_URL: must not end with a slash/],
    [{ DATABASE_URL: 'mysql://x/y' }, /^DATABASE_URL: must be a postgresql:\/\/ URL/],
    [{ SEED_DEMO_DATA: 'maybe' }, /^SEED_DEMO_DATA: must be true or false/],
  ])('names the variable in one line: %p', (override, expected) => {
    const load = () => loadConfig(schema, { ...valid, ...override });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(expected);
  });

  it('says when a required variable is missing, without a newline', () => {
    let message = '';
    try {
      loadConfig(schema, { AUTH_URL: valid.AUTH_URL });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('DATABASE_URL is required but not set');
    expect(message).not.toContain('\n');
  });
});

describe('resourceServiceSettings', () => {
  const resource = resourceServiceSettings(3002);

  it('requires the issuer to be auth URL unless told otherwise', () => {
    const config = loadConfig(resource, valid);
    expect(config.AUTH_ISSUER).toBe('http://localhost:3000');
    expect(config.JWKS_URI).toBe('http://localhost:3000/.well-known/jwks.json');
  });

  it('keeps a distinct issuer (compose: reach auth by name, issuer is the public URL)', () => {
    const config = loadConfig(resource, { ...valid, AUTH_URL: 'http://auth:3000', AUTH_ISSUER: 'http://localhost:3000' });
    expect(config.AUTH_ISSUER).toBe('http://localhost:3000');
    expect(config.JWKS_URI).toBe('http://auth:3000/.well-known/jwks.json');
  });

  it('refuses to start without AUTH_URL', () => {
    expect(() => loadConfig(resource, { DATABASE_URL: valid.DATABASE_URL })).toThrow(/^AUTH_URL is required but not set$/);
  });
});
