import { describe, expect, it } from '@jest/globals';
import { readListenHost, readPortSettings, readSessionMode } from './start-settings.js';

describe('readPortSettings', () => {
  it('uses the contract defaults', () => {
    expect(readPortSettings({})).toEqual({ auth: 3000, shop: 3001, helpdesk: 3002, forum: 3003, postgres: 5433 });
  });

  it('reads each variable, ignoring blank ones', () => {
    expect(readPortSettings({ AUTH_PORT: '4000', FORUM_PORT: ' 4003 ', PG_PORT: '', SHOP_PORT: undefined })).toEqual({
      auth: 4000,
      shop: 3001,
      helpdesk: 3002,
      forum: 4003,
      postgres: 5433,
    });
  });

  it.each(['0', '65536', '3000.5', '-1', '0x10', 'eighty', '30 00'])('refuses %p in one line naming the variable', (value) => {
    expect(() => readPortSettings({ HELPDESK_PORT: value })).toThrow(
      `HELPDESK_PORT must be a port number from 1 to 65535, not "${value.trim()}".`,
    );
  });

  it('refuses two services on one port', () => {
    expect(() => readPortSettings({ PG_PORT: '3001' })).toThrow('SHOP_PORT and PG_PORT are both 3001; give each its own port.');
  });
});

describe('readSessionMode', () => {
  it('defaults to per-server, also when blank', () => {
    expect(readSessionMode({})).toBe('per-server');
    expect(readSessionMode({ SESSION_MODE: '' })).toBe('per-server');
  });

  it('reads both modes', () => {
    expect(readSessionMode({ SESSION_MODE: 'per-server' })).toBe('per-server');
    expect(readSessionMode({ SESSION_MODE: 'shared-store' })).toBe('shared-store');
  });

  it.each(['shared', 'Shared-Store', ' shared-store'])('refuses %p in one line naming the variable', (value) => {
    expect(() => readSessionMode({ SESSION_MODE: value })).toThrow(`SESSION_MODE must be per-server or shared-store, not "${value}".`);
  });
});

describe('readListenHost', () => {
  it('keeps the services on this machine unless HOST says otherwise, also when blank', () => {
    expect(readListenHost({})).toBe('127.0.0.1');
    expect(readListenHost({ HOST: '' })).toBe('127.0.0.1');
  });

  it.each(['0.0.0.0', '::', '192.168.1.20'])('listens where HOST=%p says', (host) => {
    expect(readListenHost({ HOST: host })).toBe(host);
  });
});
