import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { ACCESS_TOKEN_COOKIE } from '../cookies/cookie-names.js';
import { AuthenticateWith, CurrentUser, Public } from '../decorators.js';
import { AUDIENCE, get, ISSUER, newSigningKey, nowSeconds, send, signAccessToken, startTestApp, type TestApp } from '../guard.test-support.js';
import type { SsoGuardOptions } from '../sso-guard.options.js';

/** Routes that narrow the ways in, at the controller and then at one handler. */
@Controller('narrowed')
@AuthenticateWith('bearer')
class NarrowedController {
  @Get('bearer')
  bearer(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @AuthenticateWith('token-cookie')
  @Get('cookie')
  cookie(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @Public()
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }
}

// The cache seen from outside: how often the guard needs a key (one RS256 verification each time).
describe('the verified-token cache in the guard', () => {
  const auth = newSigningKey('auth-key-1');
  let keyLookups = 0;
  const keySource = {
    getKey: async (kid: string): Promise<KeyObject | undefined> => {
      keyLookups += 1;
      return kid === auth.kid ? auth.publicKey : undefined;
    },
  };
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    keyLookups = 0;
  });
  const start = async (options: Partial<SsoGuardOptions> = {}) => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, clockToleranceSeconds: 0, ...options });
    return app;
  };

  it('verifies a token once, then answers it from the cache, by header or cookie alike', async () => {
    const { url } = await start();
    const token = signAccessToken(auth);
    for (let i = 0; i < 5; i += 1) expect((await get(`${url}/me`, `Bearer ${token}`)).body.via).toBe('bearer');
    const byCookie = await send('GET', `${url}/me`, { cookie: `${ACCESS_TOKEN_COOKIE}=${token}` });
    expect(byCookie.body.via).toBe('token-cookie');
    expect(keyLookups).toBe(1);
  });

  it('verifies every request when turned off', async () => {
    const { url } = await start({ verifiedTokenCache: false });
    const token = signAccessToken(auth);
    for (let i = 0; i < 3; i += 1) expect((await get(`${url}/me`, `Bearer ${token}`)).status).toBe(200);
    expect(keyLookups).toBe(3);
  });

  it('stops answering a token at its exp: the next request verifies it, and refuses it', async () => {
    const { url } = await start();
    const token = signAccessToken(auth, { claims: { exp: nowSeconds() + 1 } });
    expect((await get(`${url}/me`, `Bearer ${token}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await get(`${url}/me`, `Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.challenge).toContain('Access token expired');
  });

  it('cannot be filled by tokens that never verified: a forged flood leaves the honest entry in place', async () => {
    const { url } = await start({ verifiedTokenCache: { maxEntries: 1 } });
    const honest = signAccessToken(auth);
    expect((await get(`${url}/me`, `Bearer ${honest}`)).status).toBe(200);
    const forger = newSigningKey(auth.kid);
    for (let i = 0; i < 20; i += 1) {
      expect((await get(`${url}/me`, `Bearer ${signAccessToken(forger, { claims: { roles: ['admin'] } })}`)).status).toBe(401);
    }
    const lookupsBefore = keyLookups;
    expect((await get(`${url}/me`, `Bearer ${honest}`)).status).toBe(200);
    expect(keyLookups).toBe(lookupsBefore); // still cached
  });

  it('never lets a cached answer skip what only the request can tell: a cookie from a foreign origin is still refused', async () => {
    const { url } = await start();
    const token = signAccessToken(auth);
    expect((await get(`${url}/me`, `Bearer ${token}`)).status).toBe(200);
    const forged = await send('POST', `${url}/orders`, { cookie: `${ACCESS_TOKEN_COOKIE}=${token}`, origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
  });

  // The guard answers a cached token before passport runs; these hold it to passport's order of the ways in.
  it('lets the first credential present decide: a cached cookie does not answer for a Bearer token the cache does not know', async () => {
    const { url } = await start();
    const cached = signAccessToken(auth);
    expect((await send('GET', `${url}/me`, { cookie: `${ACCESS_TOKEN_COOKIE}=${cached}` })).body.via).toBe('token-cookie');
    const lookupsBefore = keyLookups;
    const fresh = signAccessToken(auth);
    const both = await send('GET', `${url}/me`, { authorization: `Bearer ${fresh}`, cookie: `${ACCESS_TOKEN_COOKIE}=${cached}` });
    expect(both.body.via).toBe('bearer');
    expect(keyLookups).toBe(lookupsBefore + 1); // the Bearer token was verified, not passed over
  });

  it('still falls through a Bearer token that fails to the cookie, as passport tries the ways in', async () => {
    const { url } = await start();
    const cached = signAccessToken(auth);
    expect((await send('GET', `${url}/me`, { cookie: `${ACCESS_TOKEN_COOKIE}=${cached}` })).status).toBe(200);
    const forged = signAccessToken(newSigningKey(auth.kid));
    const reply = await send('GET', `${url}/me`, { authorization: `Bearer ${forged}`, cookie: `${ACCESS_TOKEN_COOKIE}=${cached}` });
    expect(reply.status).toBe(200);
    expect(reply.body.via).toBe('token-cookie');
  });

  it("keeps each route's own ways in (@AuthenticateWith on the controller, overridden on a handler) for a cached token", async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, clockToleranceSeconds: 0 }, [NarrowedController]);
    const token = signAccessToken(auth);
    const byHeader = { authorization: `Bearer ${token}` };
    const byCookie = { cookie: `${ACCESS_TOKEN_COOKIE}=${token}` };
    // Twice each: the second time the token is cached and the route's rules were read before.
    for (let round = 0; round < 2; round += 1) {
      expect((await send('GET', `${app.url}/narrowed/bearer`, byHeader)).status).toBe(200);
      expect((await send('GET', `${app.url}/narrowed/bearer`, byCookie)).status).toBe(401);
      expect((await send('GET', `${app.url}/narrowed/cookie`, byCookie)).body.via).toBe('token-cookie');
      expect((await send('GET', `${app.url}/narrowed/cookie`, byHeader)).status).toBe(401);
      expect((await send('GET', `${app.url}/narrowed/open`, {})).status).toBe(200);
    }
    expect(keyLookups).toBe(1);
  });
});
