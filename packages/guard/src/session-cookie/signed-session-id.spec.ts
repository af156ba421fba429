import { describe, expect, it } from '@jest/globals';
import { sign } from 'cookie-signature';
import { sessionIdFrom } from './signed-session-id.js';

describe('sessionIdFrom', () => {
  const secret = 'auth-session-secret';

  it('reads the id of a cookie express-session signed with the same secret', () => {
    expect(sessionIdFrom(`s:${sign('abc123', secret)}`, secret)).toBe('abc123');
  });

  it.each([
    ['signed with another secret', `s:${sign('abc123', 'another server')}`],
    ['an unsigned id', 'abc123'],
    ['a signed id without the s: prefix', sign('abc123', secret)],
    ['a tampered id', `s:${sign('abc123', secret).replace('abc123', 'abc124')}`],
    ['empty', ''],
  ])('names no session when %s', (_case, value) => {
    expect(sessionIdFrom(value, secret)).toBeUndefined();
  });
});
