import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@sso/config';
import { authConfigSchema } from '../config.js';

describe('TRUST_PROXY', () => {
  const read = (TRUST_PROXY?: string) =>
    loadConfig(authConfigSchema, { DATABASE_URL: 'postgresql://localhost:5432/auth', ...(TRUST_PROXY !== undefined && { TRUST_PROXY }) }).TRUST_PROXY;

  it('trusts no proxy unless set: the client is the socket address', () => {
    expect(read()).toBeUndefined();
    expect(read('false')).toBe(false);
  });

  it("takes express's forms: a hop count, or addresses, subnets and names", () => {
    expect(read('1')).toBe(1);
    expect(read('loopback')).toEqual(['loopback']);
    expect(read('loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
  });

  it('refuses to trust every hop, which would let any client choose its own address', () => {
    expect(() => read('true')).toThrow(/^TRUST_PROXY: must name the proxy/);
  });

  it.each(['10.0.0.0/33', 'proxy.internal', 'loopback,,'])('refuses %p in one line naming the variable', (value) => {
    expect(() => read(value)).toThrow(/^TRUST_PROXY: must be a hop count or a comma-separated list/);
  });
});
