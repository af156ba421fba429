import { describe, expect, it, jest } from '@jest/globals';
import type { IncomingMessage } from 'node:http';

// timingSafeEqual, watched: the one edge this spec mocks, to see that every comparison goes through it.
const crypto = await import('node:crypto');
const timingSafeEqual = jest.fn(crypto.timingSafeEqual);
jest.unstable_mockModule('node:crypto', () => ({ ...crypto, timingSafeEqual }));
const { isLocalCaller, metricsAccess } = await import('./metrics-access.js');

const METRICS_TOKEN = 'c'.repeat(32) + '0123456789abcdef';

/** A request as `metricsAccess` reads it: its socket's address and its headers. */
function request(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('the metrics token', () => {
  const access = metricsAccess(METRICS_TOKEN);
  const presenting = (authorization: string) => access(request('203.0.113.5', { authorization }));

  it('lets in the token, whatever the case of the scheme, and from any address', () => {
    expect(presenting(`Bearer ${METRICS_TOKEN}`)).toBe('allowed');
    expect(presenting(`bearer ${METRICS_TOKEN}`)).toBe('allowed');
  });

  it('tells a missing token from a wrong one', () => {
    expect(access(request('127.0.0.1'))).toBe('missing_token');
    expect(presenting(`Basic ${METRICS_TOKEN}`)).toBe('missing_token');
    expect(presenting(`Bearer ${METRICS_TOKEN.toUpperCase()}`)).toBe('wrong_token');
  });

  it.each([
    ['the empty string', ''],
    ['a prefix', METRICS_TOKEN.slice(0, -1)],
    ['the token and more', `${METRICS_TOKEN}0`],
    ['one character off at the start', `d${METRICS_TOKEN.slice(1)}`],
    ['a very long string', 'x'.repeat(10_000)],
  ])('compares %s in constant time, as two 32-byte digests, and refuses it', (_case, presented) => {
    timingSafeEqual.mockClear();
    expect(presenting(`Bearer ${presented}`)).toBe(presented === '' ? 'missing_token' : 'wrong_token');
    if (presented === '') return;
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = timingSafeEqual.mock.calls[0]! as unknown as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
  });
});

describe('a caller on this machine (METRICS_TOKEN unset)', () => {
  const access = metricsAccess(undefined);

  it.each(['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1'])('is %s', (address) => {
    expect(isLocalCaller(request(address))).toBe(true);
    expect(access(request(address))).toBe('allowed');
  });

  it.each(['10.0.0.5', '192.168.1.1', '::ffff:10.0.0.5', '2001:db8::1', '128.0.0.1', '::', ''])('is not %p', (address) => {
    expect(isLocalCaller(request(address))).toBe(false);
    expect(access(request(address))).toBe('not_loopback');
  });

  it('is not a local proxy relaying another client', () => {
    expect(access(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }))).toBe('not_loopback');
    expect(access(request('::1', { forwarded: 'for=203.0.113.5' }))).toBe('not_loopback');
  });

  it('is not let in by a token: without METRICS_TOKEN there is none to match', () => {
    expect(access(request('203.0.113.5', { authorization: 'Bearer anything-at-all' }))).toBe('not_loopback');
  });
});
