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
import { REJECTION_DESCRIPTIONS, type TokenRejectionReason } from './rejections/token-rejection.js';
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

  /** The 401 of a request that carried a bad token: challenge with `invalid_token`, reason on the request. */
  async function expectRejected(authorization: string, reason: TokenRejectionReason, description: RegExp) {
    const reply = await me(authorization);
    expect(reply.status).toBe(401);
    expect(reply.challenge).toMatch(new RegExp(`^${REALM}, error="invalid_token", error_description="[^"\\\\]+"$`));
    expect(reply.challenge).toMatch(description);
    expect(reply.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(description) });
    expect(app.rejections.at(-1)).toBe(reason);
  }

  describe('accepts', () => {
    it('an access token as auth issues it, and hands the handler the user it states', async () => {
      const claims = honestClaims();
      const reply = await me(`Bearer ${token({ claims })}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        kind: 'user',
        id: 'user-1',
        email: 'alice@example.com',
        name: 'Alice',
        roles: ['customer'],
        emailVerified: false,
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

    it('email_verified as OpenID Connect says: a boolean, and false when absent', async () => {
      const verified = await me(`Bearer ${token({ claims: { email_verified: true } })}`);
      expect(verified.body.emailVerified).toBe(true);
      const absent = await me(`Bearer ${token({ omit: ['email_verified'] })}`);
      expect(absent.body.emailVerified).toBe(false);
    });

    it('aud as a single string', async () => {
      expect((await me(`Bearer ${token({ claims: { aud: AUDIENCE } })}`)).status).toBe(200);
    });

    it('a token expired less than the clock tolerance (5 s) ago', async () => {
      expect((await me(`Bearer ${token({ claims: { exp: nowSeconds() - 2 } })}`)).status).toBe(200);
    });

    it('a token whose iat is less than the clock tolerance ahead', async () => {
      expect((await me(`Bearer ${token({ claims: { iat: nowSeconds() + 2 } })}`)).status).toBe(200);
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
      const reply = await me(authorization);
      expect(reply.status).toBe(401);
      expect(reply.challenge).toBe(REALM);
      expect(reply.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/access token missing/i) });
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
      ['an email_verified that is not a boolean', { email_verified: 'true' }, 'email_verified'],
    ])('%s: invalid_claim', async (_name, claims, claim) => {
      await expectRejected(`Bearer ${token({ claims })}`, 'invalid_claim', new RegExp(`invalid claim: ${claim}\\b`));
    });

    it('an exp that is not a number (jsonwebtoken refuses it): invalid_claim', async () => {
      const forged = signRaw(auth, { alg: 'RS256', typ: 'at+jwt', kid: auth.kid }, { ...honestClaims(), exp: 'tomorrow' });
      await expectRejected(`Bearer ${forged}`, 'invalid_claim', /invalid claim/i);
    });

    describe('not a well-formed compact JWS: malformed_token, before any key is looked up', () => {
      const header = () => ({ alg: 'RS256', typ: 'at+jwt', kid: auth.kid });
      const parts = () => token().split('.') as [string, string, string];
      /** A signature with a `-` or `_` in it, so that the standard alphabet spells it differently. */
      const urlSafeSpelled = () => {
        for (;;) {
          const candidate = parts();
          if (/[-_]/.test(candidate[2])) return candidate;
        }
      };

      it.each<[string, () => string, RegExp]>([
        // Node's decoder ignores a last character's unused bits: the same signature, spelled another way (RFC 4648 §3.5).
        [
          'a signature whose last character sets unused bits',
          () => {
            const [h, p, sig] = parts();
            // 256 bytes are 342 characters, the last carrying 2 bits of data and 4 unused ones: set the lowest.
            const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
            const sibling = alphabet[alphabet.indexOf(sig.at(-1)!) ^ 1];
            return `${h}.${p}.${sig.slice(0, -1)}${sibling}`;
          },
          /signature is not base64url/,
        ],
        ['a padded signature', () => `${parts().join('.')}==`, /signature is not base64url/],
        [
          'the standard base64 alphabet (+ and /)',
          () => {
            const [h, p, sig] = urlSafeSpelled();
            return `${h}.${p}.${sig.replaceAll('-', '+').replaceAll('_', '/')}`;
          },
          /signature is not base64url/,
        ],
        ['a character outside the alphabet', () => parts().join('.').replace('.', '!.'), /header is not base64url/],
        ['a header that is a JSON array', () => signRaw(auth, [header()], honestClaims()), /header is not a JSON object/],
        ['a header that is JSON null', () => signRaw(auth, 'null', honestClaims()), /header is not a JSON object/],
        ['an empty header', () => `.${parts()[1]}.${parts()[2]}`, /header is not a JSON object/],
        [
          'a header that is not UTF-8',
          () => signRaw(auth, Buffer.concat([Buffer.from(JSON.stringify(header()).slice(0, -1)), Buffer.from(',"x":"\xff"}', 'latin1')]), honestClaims()),
          /header is not a JSON object/,
        ],
        ['a signed payload that is not JSON', () => signRaw(auth, header(), 'hello'), /payload is not a JSON object/],
        ['a signed payload that is a JSON array', () => signRaw(auth, header(), [honestClaims()]), /payload is not a JSON object/],
        ['an empty payload', () => signRaw(auth, header(), ''), /payload is not a JSON object/],
        ['four parts', () => `${parts().join('.')}.${parts()[2]}`, /three dot-separated parts/],
        ['five parts, as a JWE', () => `${parts()[0]}.a.b.c.d`, /three dot-separated parts/],
        ['two dots and nothing else', () => '..', /header is not a JSON object/],
        // Signed by auth's own key: only the bound stops it (auth's tokens are about 1 KiB).
        ['a token over 8 KiB', () => token({ claims: { name: 'A'.repeat(8 * 1024) } }), /longer than 8192 characters/],
      ])('%s', async (_name, forged, description) => {
        await expectRejected(`Bearer ${forged()}`, 'malformed_token', description);
      });
    });

    it.each(['None', 'NONE', 'nOnE'])('alg %s: unsupported_algorithm', async (alg) => {
      await expectRejected(`Bearer ${unsignedToken({ alg, typ: 'at+jwt', kid: auth.kid }, honestClaims())}`, 'unsupported_algorithm', /algorithm/i);
    });

    it('HS256 keyed with the published public key as a JWK: unsupported_algorithm', async () => {
      const jwk = JSON.stringify({ ...auth.publicKey.export({ format: 'jwk' }), kid: auth.kid, use: 'sig', alg: 'RS256' });
      const forged = jwt.sign(honestClaims(), jwk, { algorithm: 'HS256', noTimestamp: true, header: { alg: 'HS256', typ: 'at+jwt', kid: auth.kid } });
      await expectRejected(`Bearer ${forged}`, 'unsupported_algorithm', /algorithm/i);
    });

    it.each(['../../../../dev/null', "' OR 1=1 --", 'https://evil.example/key.pem'])('kid %s: unknown_key, only ever looked up', async (kid) => {
      await expectRejected(`Bearer ${token({ header: { kid } })}`, 'unknown_key', /unknown key/i);
    });

    describe('timestamps that are not NumericDates (RFC 7519 §2), signed by auth: invalid_claim', () => {
      const withClaim = (claim: string, json: string) =>
        signRaw(auth, { alg: 'RS256', typ: 'at+jwt', kid: auth.kid }, JSON.stringify({ ...honestClaims(), [claim]: 0 }).replace(`"${claim}":0`, `"${claim}":${json}`));

      it.each<[string, string, TokenRejectionReason]>([
        ['exp', '1e400', 'invalid_claim'], // Infinity: would never expire
        ['exp', '"9999999999"', 'invalid_claim'],
        ['exp', '[9999999999]', 'invalid_claim'],
        ['exp', 'null', 'invalid_claim'],
        ['exp', '-1', 'expired'],
        ['nbf', '-1', 'invalid_claim'],
        ['nbf', '"0"', 'invalid_claim'],
        ['nbf', '1e400', 'not_yet_valid'],
        ['iat', '1e400', 'invalid_claim'],
        ['iat', '-1', 'invalid_claim'],
        ['iat', '"0"', 'invalid_claim'],
        ['iat', '[0]', 'invalid_claim'],
      ])('%s: %s → %s', async (claim, json, reason) => {
        await expectRejected(`Bearer ${withClaim(claim, json)}`, reason, new RegExp(REJECTION_DESCRIPTIONS[reason]));
      });
    });

    it('iat in the future beyond the clock tolerance: not_yet_valid (RFC 7519 §4.1.6)', async () => {
      await expectRejected(`Bearer ${token({ claims: { iat: nowSeconds() + 600 } })}`, 'not_yet_valid', /not valid yet: iat/);
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

describe('AuthenticationGuard logging refused requests', () => {
  const auth = newSigningKey('auth-key-1');
  const keySource: VerificationKeySource = { getKey: async (kid) => (kid === auth.kid ? auth.publicKey : undefined) };
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ audience: AUDIENCE, issuer: ISSUER, keySource });
  });
  afterAll(() => app?.close());

  it('logs a burst once, with the reasons and the client address, not a line per request', async () => {
    const tampered = signAccessToken(auth).replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ ...honestClaims(), roles: ['admin'] })).toString('base64url')}.`);
    const replies = await Promise.all([
      ...Array.from({ length: 10 }, () => get(`${app.url}/me`, `Bearer ${tampered}`)),
      get(`${app.url}/me`, `Bearer ${signAccessToken(auth, { claims: { exp: nowSeconds() - 60 } })}`),
      get(`${app.url}/me`),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual(Array(12).fill(401));
    expect([...app.rejections].sort()).toEqual([...Array(10).fill('bad_signature'), 'expired', 'missing_token']);
    expect(app.logger.warnings('AuthenticationGuard')).toEqual([]);

    await app.close(); // a stopping service logs what its window gathered so far
    expect(app.logger.warnings('AuthenticationGuard')).toEqual([
      expect.stringMatching(/^12 requests refused in the last \d+ s: bad_signature 10, (expired 1, missing_token 1|missing_token 1, expired 1); from 127\.0\.0\.1 \(12\)/),
    ]);
  });
});
