import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ConfigError, httpUrl, loadConfig, resourceServiceSettings, serviceSettings } from './index.js';

const schema = z.object({ ...serviceSettings(3001), AUTH_URL: httpUrl() });
const valid = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5433/shop', AUTH_URL: 'http://localhost:3000' };

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig(schema, valid);
    expect(config).toEqual({
      ...valid,
      PORT: 3001,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      SEED_DEMO_DATA: false,
      ALLOWED_ORIGINS: [],
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { ...valid, PORT: '' }).PORT).toBe(3001);
  });

  it('reads a list of allowed origins, spaces and empty entries ignored', () => {
    const config = loadConfig(schema, { ...valid, ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173,' });
    expect(config.ALLOWED_ORIGINS).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it.each(['127.0.0.1', '::', '::1', 'localhost', 'auth.internal'])('listens where HOST says: %p', (host) => {
    expect(loadConfig(schema, { ...valid, HOST: host }).HOST).toBe(host);
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
    [{ ALLOWED_ORIGINS: 'https://app.example.com/path' }, /^ALLOWED_ORIGINS: must be a comma-separated list of origins/],
    [{ ALLOWED_ORIGINS: 'app.example.com' }, /^ALLOWED_ORIGINS: must be a comma-separated list of origins/],
    [{ HOST: 'all interfaces' }, /^HOST: must be an IP address or a host name \(got "all interfaces"\)$/],
    [{ HOST: 'http://127.0.0.1' }, /^HOST: must be an IP address or a host name/],
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

describe('loadConfig never prints a secret', () => {
  const messageOf = (load: () => unknown): string => {
    try {
      load();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the configuration to be refused');
  };

  it.each([
    ['a password in a URL that is refused', 'mysql://shop:s3cret-pw@db:3306/shop', 'mysql://shop:***@db:3306/shop'],
    ['a password in a URL that does not parse', 'postgresql://shop:s3cret-pw@db:port/shop', 'postgresql://shop:***@db:port/shop'],
    ['a password holding @ and /', 'postgres://shop:s3cret-pw@/x@db', 'postgres://shop:***@db'],
    ['a libpq connection string', "host=db user=shop password='s3cret-pw' dbname=shop", 'host=db user=shop password=*** dbname=shop'],
  ])('masks %s', (_case, value, shown) => {
    const message = messageOf(() => loadConfig(schema, { ...valid, DATABASE_URL: value }));
    expect(message).toBe(`DATABASE_URL: must be a postgresql:// URL naming a database (got ${JSON.stringify(shown)})`);
    expect(message).not.toContain('s3cret-pw');
  });

  it('keeps a URL without credentials as it is', () => {
    expect(messageOf(() => loadConfig(schema, { ...valid, DATABASE_URL: 'mysql://db/shop' }))).toContain('(got "mysql://db/shop")');
  });

  it.each(['DB_PASSWORD', 'SESSION_SECRET', 'SIGNING_KEY_ENCRYPTION_KEY', 'API_TOKEN', 'PGPASSWORD'])(
    'does not quote the value of %s at all',
    (variable) => {
      const secretSchema = z.object({ [variable]: z.string().min(32, 'must be at least 32 characters') });
      const message = messageOf(() => loadConfig(secretSchema, { [variable]: 'hunter2' }));
      expect(message).toBe(`${variable}: must be at least 32 characters (value not shown)`);
    },
  );
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

  it('keeps sessions per server unless told to share auth\'s store', () => {
    expect(loadConfig(resource, valid).SESSION_MODE).toBe('per-server');
    const shared = loadConfig(resource, { ...valid, SESSION_MODE: 'shared-store', AUTH_DATABASE_URL: 'postgresql://u:p@127.0.0.1:5433/auth' });
    expect(shared).toMatchObject({ SESSION_MODE: 'shared-store', AUTH_DATABASE_URL: 'postgresql://u:p@127.0.0.1:5433/auth' });
  });

  it('names what shared-store mode lacks, in one line', () => {
    expect(() => loadConfig(resource, { ...valid, SESSION_MODE: 'shared-store' })).toThrow(
      /^AUTH_DATABASE_URL is required when SESSION_MODE is shared-store$/,
    );
    expect(() => loadConfig(resource, { ...valid, SESSION_MODE: 'shared' })).toThrow(/^SESSION_MODE: must be per-server or shared-store \(got "shared"\)$/);
  });

  it('fetches keys over plain http from a non-loopback host only when told to', () => {
    expect(loadConfig(resource, valid).AUTH_ALLOW_HTTP).toBe(false);
    expect(loadConfig(resource, { ...valid, AUTH_URL: 'http://auth:3000', AUTH_ALLOW_HTTP: 'true' }).AUTH_ALLOW_HTTP).toBe(true);
  });

  it('remembers 10,000 verified tokens unless told otherwise; 0 turns the cache off', () => {
    expect(loadConfig(resource, valid).VERIFIED_TOKEN_CACHE).toBe(10_000);
    expect(loadConfig(resource, { ...valid, VERIFIED_TOKEN_CACHE: '0' }).VERIFIED_TOKEN_CACHE).toBe(0);
    expect(() => loadConfig(resource, { ...valid, VERIFIED_TOKEN_CACHE: '-1' })).toThrow(/^VERIFIED_TOKEN_CACHE: must be 0 or more/);
  });

  it('checks tokens locally unless told to ask auth (introspection), which needs a client to ask as', () => {
    expect(loadConfig(resource, valid)).toMatchObject({ TOKEN_VALIDATION: 'local', INTROSPECTION_URI: 'http://localhost:3000/oauth/introspect' });
    const secret = 'q'.repeat(43);
    const introspecting = { ...valid, TOKEN_VALIDATION: 'introspection', INTROSPECTION_CLIENT_ID: 'shop-introspection', INTROSPECTION_CLIENT_SECRET: secret };
    expect(loadConfig(resource, introspecting)).toMatchObject({
      TOKEN_VALIDATION: 'introspection',
      INTROSPECTION_CLIENT_ID: 'shop-introspection',
      INTROSPECTION_CLIENT_SECRET: secret,
    });
  });

  it('names what introspection lacks, in one line, never showing the secret', () => {
    expect(() => loadConfig(resource, { ...valid, TOKEN_VALIDATION: 'introspection' })).toThrow(
      /^INTROSPECTION_CLIENT_ID is required when TOKEN_VALIDATION is introspection; INTROSPECTION_CLIENT_SECRET is required when TOKEN_VALIDATION is introspection$/,
    );
    expect(() => loadConfig(resource, { ...valid, TOKEN_VALIDATION: 'introspection', INTROSPECTION_CLIENT_ID: 'shop' })).toThrow(
      /^INTROSPECTION_CLIENT_SECRET is required when TOKEN_VALIDATION is introspection$/,
    );
    expect(() => loadConfig(resource, { ...valid, TOKEN_VALIDATION: 'introspection', INTROSPECTION_CLIENT_ID: 'shop', INTROSPECTION_CLIENT_SECRET: 'short-secret' })).toThrow(
      /^INTROSPECTION_CLIENT_SECRET: must be at least 32 characters \(value not shown\)$/,
    );
    // Its name mentions TOKEN but names no secret: the value is quoted.
    expect(() => loadConfig(resource, { ...valid, TOKEN_VALIDATION: 'remote' })).toThrow(/^TOKEN_VALIDATION: must be local or introspection \(got "remote"\)$/);
  });

  it('refuses to start without AUTH_URL', () => {
    expect(() => loadConfig(resource, { DATABASE_URL: valid.DATABASE_URL })).toThrow(/^AUTH_URL is required but not set$/);
  });
});
