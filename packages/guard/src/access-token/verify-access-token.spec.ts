import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KeyObject } from 'node:crypto';
import {
  AUDIENCE,
  get,
  honestClaims,
  ISSUER,
  newSigningKey,
  nowSeconds,
  signAccessToken,
  signApplicationToken,
  signRaw,
  startTestApp,
  type TestApp,
  unsignedToken,
} from '../guard.test-support.js';
import type { VerificationKeySource } from '../keys/verification-key-source.js';
import { TokenRejectedError, type TokenRejectionReason } from '../rejections/token-rejection.js';
import { verifyAccessToken } from './verify-access-token.js';

const CLOCK_TOLERANCE_SECONDS = 5;

describe('verifyAccessToken', () => {
  const auth = newSigningKey('auth-key-1');
  const foreign = newSigningKey(auth.kid);
  const published = new Map<string, KeyObject>([[auth.kid, auth.publicKey]]);
  const keySource: VerificationKeySource = { getKey: async (kid) => published.get(kid) };
  const settings = { issuer: ISSUER, audience: [AUDIENCE], keySource, clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS };

  /** The reason `verifyAccessToken` refuses `token` for; fails the test if it accepts it. */
  async function reasonRefused(token: string, audience: string[] = [AUDIENCE], keys: VerificationKeySource = keySource): Promise<TokenRejectionReason> {
    const refusal = await verifyAccessToken(token, { ...settings, audience, keySource: keys }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(TokenRejectedError);
    return (refusal as TokenRejectedError).reason;
  }

  it('accepts a person’s token as auth issues it: the caller, and the claims as the token states them', async () => {
    const claims = honestClaims();
    const verified = await verifyAccessToken(signAccessToken(auth, { claims }), settings);
    expect(verified.principal).toEqual({
      kind: 'user',
      id: 'user-1',
      email: 'alice@example.com',
      emailVerified: false,
      name: 'Alice',
      roles: ['customer'],
      via: 'bearer',
      token: { clientId: 'sso-web', scope: ['openid', 'profile', 'email'], tokenId: claims.jti, expiresAt: new Date((claims.exp as number) * 1000) },
    });
    expect(verified.claims).toEqual(claims);
  });

  it('accepts an application’s token: the client it names, with its scope', async () => {
    const verified = await verifyAccessToken(signApplicationToken(auth), settings);
    expect(verified.principal).toMatchObject({ kind: 'client', id: 'reporting', scope: ['orders:read'], via: 'bearer' });
    expect(verified.claims).toMatchObject({ sub: 'reporting', client_id: 'reporting', aud: [AUDIENCE] });
  });

  it('accepts a token whose aud names any one of the audiences, and refuses one naming none (wrong_audience)', async () => {
    const helpdeskOnly = signAccessToken(auth, { claims: { aud: ['helpdesk'] } });
    await expect(verifyAccessToken(helpdeskOnly, { ...settings, audience: [AUDIENCE, 'helpdesk'] })).resolves.toMatchObject({ claims: { aud: ['helpdesk'] } });
    await expect(verifyAccessToken(signAccessToken(auth, { claims: { aud: 'forum' } }), { ...settings, audience: ['helpdesk', 'forum'] })).resolves.toBeDefined();
    expect(await reasonRefused(helpdeskOnly, [AUDIENCE, 'forum'])).toBe('wrong_audience');
    expect(await reasonRefused(helpdeskOnly, [])).toBe('wrong_audience');
  });

  it('refuses a token whose key it cannot look up as the guard does: unknown_key, keys_unavailable', async () => {
    expect(await reasonRefused(signAccessToken(newSigningKey('elsewhere')))).toBe('unknown_key');
    const offline: VerificationKeySource = { getKey: () => Promise.reject(new Error('key store offline')) };
    expect(await reasonRefused(signAccessToken(auth), [AUDIENCE], offline)).toBe('keys_unavailable');
  });

  describe('refuses each token for the reason the guard gives for it in a request', () => {
    let app: TestApp;
    beforeAll(async () => {
      // No verified-token cache: every request goes through passport-jwt.
      app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource, clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS, verifiedTokenCache: false });
    });
    afterAll(() => app?.close());

    const header = { alg: 'RS256', typ: 'at+jwt', kid: auth.kid };
    it.each<[string, () => string, TokenRejectionReason]>([
      ['not a JWS', () => 'a.b.c', 'malformed_token'],
      ['crit in the header', () => signAccessToken(auth, { header: { crit: ['exp'] } }), 'malformed_token'],
      ['alg none', () => unsignedToken({ ...header, alg: 'none' }, honestClaims()), 'unsupported_algorithm'],
      ['no kid', () => signRaw(auth, { alg: 'RS256', typ: 'at+jwt' }, honestClaims()), 'missing_kid'],
      ['signed by another key under auth’s kid', () => signAccessToken(foreign), 'bad_signature'],
      ['typ JWT', () => signAccessToken(auth, { header: { typ: 'JWT' } }), 'wrong_type'],
      ['another issuer', () => signAccessToken(auth, { claims: { iss: 'http://elsewhere.test' } }), 'wrong_issuer'],
      ['an audience without this service', () => signAccessToken(auth, { claims: { aud: ['billing'] } }), 'wrong_audience'],
      ['expired', () => signAccessToken(auth, { claims: { exp: nowSeconds() - 60 } }), 'expired'],
      ['nbf an hour ahead', () => signAccessToken(auth, { claims: { nbf: nowSeconds() + 3600 } }), 'not_yet_valid'],
      ['iat an hour ahead', () => signAccessToken(auth, { claims: { iat: nowSeconds() + 3600 } }), 'not_yet_valid'],
      ['exp not a NumericDate', () => signRaw(auth, header, `{"iss":"${ISSUER}","sub":"u","aud":"${AUDIENCE}","exp":1e400,"iat":1,"jti":"j","client_id":"c"}`), 'invalid_claim'],
      ['no jti', () => signAccessToken(auth, { omit: ['jti'] }), 'missing_claim'],
      ['a role auth never grants', () => signAccessToken(auth, { claims: { roles: ['root'] } }), 'invalid_claim'],
      ['an application token with a person’s email', () => signApplicationToken(auth, { claims: { email: 'alice@example.com' } }), 'invalid_claim'],
      ['an application token without scope', () => signApplicationToken(auth, { omit: ['scope'] }), 'missing_claim'],
    ])('%s', async (_case, sign, reason) => {
      const token = sign();
      expect(await reasonRefused(token)).toBe(reason);
      expect((await get(`${app.url}/me`, `Bearer ${token}`)).status).toBe(401);
      expect(app.rejections.at(-1)).toBe(reason);
    });
  });
});
