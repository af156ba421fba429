import { describe, expect, it } from '@jest/globals';
import { secondsUntilExpiry } from './jwt-expiry.js';

const jwtWith = (claims: object) =>
  ['{"alg":"RS256"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.signature';

describe('secondsUntilExpiry', () => {
  it('counts whole seconds from now to exp', () => {
    expect(secondsUntilExpiry(jwtWith({ exp: 1_700_000_900 }), 1_700_000_000_400)).toBe(899);
  });

  it('says 0 once exp has passed', () => {
    expect(secondsUntilExpiry(jwtWith({ exp: 1_700_000_000 }), 1_700_000_005_000)).toBe(0);
  });

  it('refuses a token without a numeric exp', () => {
    expect(() => secondsUntilExpiry(jwtWith({ exp: 'soon' }))).toThrow('The access token has no numeric exp claim.');
  });
});
