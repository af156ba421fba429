import { describe, expect, it } from '@jest/globals';
import { cookieSetBy } from './set-cookie.js';

describe('cookieSetBy', () => {
  const response = new Response(null, {
    headers: [
      ['set-cookie', 'sso_access_token=eyJ.eyJ.sig; Max-Age=900; Path=/; HttpOnly; SameSite=Lax'],
      ['set-cookie', 'sso_session=s%3Aabc.def; Path=/; HttpOnly; SameSite=Lax'],
    ],
  });

  it('returns the name=value pair, still encoded, without attributes', () => {
    expect(cookieSetBy(response, 'sso_session')).toBe('sso_session=s%3Aabc.def');
    expect(cookieSetBy(response, 'sso_access_token')).toBe('sso_access_token=eyJ.eyJ.sig');
  });

  it('fails, naming the cookie, when it was not set or was cleared', () => {
    expect(() => cookieSetBy(response, 'sso_refresh_token')).toThrow(/set no sso_refresh_token cookie/);
    const cleared = new Response(null, { headers: [['set-cookie', 'sso_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']] });
    expect(() => cookieSetBy(cleared, 'sso_session')).toThrow(/set no sso_session cookie/);
  });
});
