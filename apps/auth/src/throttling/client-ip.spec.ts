import { describe, expect, it } from '@jest/globals';
import { throttledAddress } from './client-ip.js';

describe('throttledAddress', () => {
  it('counts an IPv4 client by its address, whichever socket family it came over', () => {
    expect(throttledAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(throttledAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts an IPv6 client by its /64, so drawing new addresses from it gains nothing', () => {
    const one = throttledAddress('2001:db8:1:2:aaaa::1');
    expect(one).toBe('2001:db8:1:2::/64');
    expect(throttledAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(one);
    expect(throttledAddress('2001:db8:1:3::1')).not.toBe(one);
    expect(throttledAddress('::1')).toBe('::/64');
  });

  it('keeps what is not an IP address as it is', () => {
    expect(throttledAddress('unknown')).toBe('unknown');
  });
});
