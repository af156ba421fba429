import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import {
  AUDIENCE,
  get,
  honestClaims,
  ISSUER,
  newSigningKey,
  nowSeconds,
  signAccessToken,
  signRaw,
  startTestApp,
  type TestApp,
  unsignedToken,
} from './guard.test-support.js';
import type { TokenRejectionReason } from './rejections/token-rejection.js';
import type { VerificationKeySource } from './keys/verification-key-source.js';

const REALM = `Bearer realm="${AUDIENCE}"`;

describe('AuthenticationGuard with the bearer-jwt strategy', () => {
  const auth = newSigningKey('auth-key-1');
  const foreign = newSigningKey(auth.kid);
  const published = new Map<string, KeyObject>([[auth.kid, auth.publicKey]]);
  const keySource: VerificationKeySource = {
    getKey: async (kid) => {
      if (kid === 'broken-source') throw new Error('key store offline');
      return published.get(kid);
    },
  };
  let app: TestApp;
  const issued: string[] = [];
  const token = (shape?: Parameters<typeof signAccessToken>[1]) => {
    const signed = signAccessToken(auth, shape);
    issued.push(signed);
    return signed;
  };

  beforeAll(async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource });
  });
  afterAll(() => app?.close());

  const me = (authorization?: string) => get(`${app.url}/me`, authorization);

  /** The 401 of a request that carried a bad token: challenge with `invalid_token`, reason logged. */
  async function expectRejected(authorization: string, reason: TokenRejectionReason, description: RegExp) {
    const before = app.logger.warnings('AuthenticationGuard').length;
    const reply = await me(authorization);
    expect(reply.status).toBe(401);
    expect(reply.challenge).toMatch(new RegExp(`^${REALM}, error="invalid_token", error_description="[^"\\\\]+"$`));
    expect(reply.challenge).toMatch(description);
    expect(reply.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(description) });
    expect(app.logger.warnings('AuthenticationGuard').slice(before)).toEqual([expect.stringContaining(`(${reason})`)]);
    expect(app.rejections.at(-1)).toBe(reason);
  }

  describe('accepts', () => {
    it('an access token as auth issues it, and hands the handler the user it states', async () => {
      const claims = honestClaims();
      const reply = await me(`Bearer ${token({ claims })}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        id: 'user-1',
        email: 'alice@example.com',
        name: 'Alice',
        roles: ['customer'],
        via: 'bearer',
        token: {
          clientId: 'sso-web',
          scope: ['openid', 'profile', 'email'],
          tokenId: claims.jti,
          expiresAt: new Date((claims.exp as number) * 1000).toISOString(),
        },
      });
    });

    it.each(['bearer', 'BEARER', 'bEaReR'])('the scheme written %s (RFC 9110 §11.1)', async (scheme) => {
      expect((await me(`${scheme} ${token()}`)).status).toBe(200);
    });

    it.each(['application/at+jwt', 'AT+JWT', 'Application/At+Jwt'])('typ %s (RFC 9068 §4)', async (typ) => {
      expect((await me(`Bearer ${token({ header: { typ } })}`)).status).toBe(200);
    });

    it('aud as a single string', async () => {
      expect((await me(`Bearer ${token({ claims: { aud: AUDIENCE } })}`)).status).toBe(200);
    });

    it('a token expired less than the clock tolerance (5 s) ago', async () => {
      expect((await me(`Bearer ${token({ claims: { exp: nowSeconds() - 2 } })}`)).status).toBe(200);
    });

    it('a token whose nbf is less than the clock tolerance ahead', async () => {
      expect((await me(`Bearer ${token({ claims: { nbf: nowSeconds() + 2 } })}`)).status).toBe(200);
    });

    it('no token at all on a @Public() route, and ignores a bad one there', async () => {
      expect((await get(`${app.url}/health`)).status).toBe(200);
      expect((await get(`${app.url}/health`, 'Bearer not.a.jwt')).status).toBe(200);
    });
  });

  describe('challenges a request without a token, with no error code (RFC 6750 §3.1)', () => {
    it.each([
      ['no Authorization header', undefined],
      ['the Basic scheme', `Basic ${Buffer.from('alice:secret').toString('base64')}`],
      ['a Bearer scheme with no token', 'Bearer'],
    ])('%s', async (_name, authorization) => {
      const before = app.logger.warnings('AuthenticationGuard').length;
      const reply = await me(authorization);
      expect(reply.status).toBe(401);
      expect(reply.challenge).toBe(REALM);
      expect(reply.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/access token missing/i) });
      expect(app.logger.warnings('AuthenticationGuard').slice(before)).toEqual([expect.stringContaining('(missing_token)')]);
      expect(app.rejections.at(-1)).toBe('missing_token');
    });
  });

  describe('refuses, with error="invalid_token" and the reason', () => {
    it('a token that is not a JWT: malformed_token', async () => {
      await expectRejected('Bearer not.a.jwt', 'malformed_token', /malformed/i);
    });

    it('a token with one part: malformed_token', async () => {
      await expectRejected('Bearer abcdef', 'malformed_token', /malformed/i);
    });

    it('a header that is not JSON: malformed_token', async () => {
      const [, payload, signature] = token().split('.');
      await expectRejected(`Bearer bm90IGpzb24.${payload}.${signature}`, 'malformed_token', /malformed/i);
    });

    it('a header demanding an extension (crit): malformed_token (RFC 7515 §4.1.11)', async () => {
      await expectRejected(`Bearer ${token({ header: { crit: ['exp'], exp: 1 } })}`, 'malformed_token', /malformed: crit/);
    });

    it('alg none: unsupported_algorithm (RFC 8725 §3.1)', async () => {
      const forged = unsignedToken({ alg: 'none', typ: 'at+jwt', kid: auth.kid }, honestClaims());
      await expectRejected(`Bearer ${forged}`, 'unsupported_algorithm', /algorithm/i);
    });

    it('HS256 keyed with the published public key PEM: unsupported_algorithm', async () => {
      const pem = auth.publicKey.export({ type: 'spki', format: 'pem' }) as string;
      const forged = jwt.sign(honestClaims(), pem, { algorithm: 'HS256', noTimestamp: true, header: { alg: 'HS256', typ: 'at+jwt', kid: auth.kid } });
      await expectRejected(`Bearer ${forged}`, 'unsupported_algorithm', /algorithm/i);
    });

    it('RS512, an algorithm auth does not use: unsupported_algorithm', async () => {
      const forged = jwt.sign(honestClaims(), auth.privateKey, { algorithm: 'RS512', noTimestamp: true, header: { alg: 'RS512', typ: 'at+jwt', kid: auth.kid } });
      await expectRejected(`Bearer ${forged}`, 'unsupported_algorithm', /algorithm/i);
    });

    it('a header naming no kid but its own key (jku): missing_kid', async () => {
      const forged = token({ header: { kid: undefined, jku: 'http://evil.example/jwks.json' } });
      await expectRejected(`Bearer ${forged}`, 'missing_kid', /key/i);
    });

    it('a kid no published key has: unknown_key', async () => {
      await expectRejected(`Bearer ${token({ header: { kid: 'not-published' } })}`, 'unknown_key', /unknown key/i);
    });

    it('a foreign key pair claiming auth kid: bad_signature', async () => {
      await expectRejected(`Bearer ${signAccessToken(foreign)}`, 'bad_signature', /signature/i);
    });

    it('a tampered payload (customer → admin): bad_signature', async () => {
      const [header, , signature] = token().split('.');
      const payload = Buffer.from(JSON.stringify({ ...honestClaims(), roles: ['admin'] })).toString('base64url');
      await expectRejected(`Bearer ${header}.${payload}.${signature}`, 'bad_signature', /signature/i);
    });

    it.each([
      ['typ JWT', { typ: 'JWT' }],
      ['no typ', { typ: undefined }],
      ['typ at+jwt with a suffix', { typ: 'at+jwt2' }],
    ])('%s: wrong_type (RFC 9068 §4)', async (_name, header) => {
      await expectRejected(`Bearer ${token({ header })}`, 'wrong_type', /type/i);
    });

    it('another issuer: wrong_issuer', async () => {
      await expectRejected(`Bearer ${token({ claims: { iss: 'http://evil.example' } })}`, 'wrong_issuer', /issuer/i);
    });

    it('the issuer with a trailing slash: wrong_issuer (exact match)', async () => {
      await expectRejected(`Bearer ${token({ claims: { iss: `${ISSUER}/` } })}`, 'wrong_issuer', /issuer/i);
    });

    it('an audience without this service: wrong_audience', async () => {
      await expectRejected(`Bearer ${token({ claims: { aud: ['billing', 'forum'] } })}`, 'wrong_audience', /audience/i);
    });

    it('expired beyond the clock tolerance: expired', async () => {
      await expectRejected(`Bearer ${token({ claims: { iat: nowSeconds() - 1000, exp: nowSeconds() - 60 } })}`, 'expired', /expired/i);
    });

    it('nbf in the future beyond the clock tolerance: not_yet_valid', async () => {
      await expectRejected(`Bearer ${token({ claims: { nbf: nowSeconds() + 600 } })}`, 'not_yet_valid', /not valid yet/i);
    });

    it.each(['sub', 'exp', 'iat', 'jti', 'client_id'])('no %s: missing_claim (RFC 9068 §2.2)', async (claim) => {
      await expectRejected(`Bearer ${token({ omit: [claim] })}`, 'missing_claim', new RegExp(`required claim: ${claim}`));
    });

    // jsonwebtoken compares iss and aud before our presence check runs, so their absence is named there.
    it('no iss: wrong_issuer', async () => {
      await expectRejected(`Bearer ${token({ omit: ['iss'] })}`, 'wrong_issuer', /issuer/i);
    });

    it('no aud: wrong_audience', async () => {
      await expectRejected(`Bearer ${token({ omit: ['aud'] })}`, 'wrong_audience', /audience/i);
    });

    it.each([
      ['roles naming an unknown role', { roles: ['customer', 'root'] }, 'roles'],
      ['roles that is not a list', { roles: 'admin' }, 'roles'],
      ['no roles', { roles: undefined }, 'roles'],
      ['an email that is not a string', { email: 42 }, 'email'],
      ['no name', { name: undefined }, 'name'],
      ['a sub that is not a string', { sub: 7 }, 'sub'],
      ['a scope that is not a string', { scope: ['openid'] }, 'scope'],
    ])('%s: invalid_claim', async (_name, claims, claim) => {
      await expectRejected(`Bearer ${token({ claims })}`, 'invalid_claim', new RegExp(`invalid claim: ${claim}\\b`));
    });

    it('an exp that is not a number (jsonwebtoken refuses it): invalid_claim', async () => {
      const forged = signRaw(auth, { alg: 'RS256', typ: 'at+jwt', kid: auth.kid }, { ...honestClaims(), exp: 'tomorrow' });
      await expectRejected(`Bearer ${forged}`, 'invalid_claim', /invalid claim/i);
    });

    it('any token while the key source cannot answer: keys_unavailable', async () => {
      await expectRejected(`Bearer ${token({ header: { kid: 'broken-source' } })}`, 'keys_unavailable', /keys are unavailable/i);
    });
  });

  it('never logs the token or the Authorization header', async () => {
    await me(`Bearer ${token({ claims: { exp: nowSeconds() - 60 } })}`);
    await me(`Bearer ${signAccessToken(foreign)}`);
    const logged = app.logger.lines.map((line) => line.text).join('\n');
    expect(issued.length).toBeGreaterThan(20);
    for (const secret of issued) {
      expect(logged).not.toContain(secret);
      expect(logged).not.toContain(secret.split('.')[2]);
    }
    expect(logged).not.toContain('eyJ'); // the base64url of '{"', which begins every JWT
  });
});
