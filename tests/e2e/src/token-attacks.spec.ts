import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningStack, type ServiceName, startTestStack } from '@sso/stack';
import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { ALICE, login, RESOURCE_SERVICES } from './support/demo.js';
import { readSigningKey } from './support/auth-keys.js';
import { type BaitServer, startBaitServer } from './support/bait-server.js';
import { decodeJwt, forgeJwt, signWith, tamper } from './support/forge.js';
import { call } from './support/http.js';

// The corpus of hostile tokens against every resource service (and auth, for kid injection):
// forged, tampered and expired tokens, algorithm confusion, keys a token names or brings along,
// crit and typ, timestamps, issuer and audience, size, malformed encodings; then auth switched off.
// Random ones are in token-fuzzing.spec.ts.
describe('what the services refuse, and what they survive', () => {
  let stack: RunningStack;
  let honest: string;
  let auth: { kid: string; privateKey: KeyObject };
  let claims: Record<string, any>;
  /** auth's JWKS document exactly as it serves it. */
  let publishedJwks: string;
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attackerJwk = { ...attacker.publicKey.export({ format: 'jwk' }), kid: 'attacker-key', use: 'sig', alg: 'RS256' };
  let bait: BaitServer;

  beforeAll(async () => {
    stack = await startTestStack();
    honest = (await login(stack, ALICE)).access_token;
    auth = await readSigningKey(stack);
    claims = decodeJwt(honest).payload;
    publishedJwks = await (await fetch(`${stack.urls.auth}/.well-known/jwks.json`)).text();
    bait = await startBaitServer({
      '/jwks.json': JSON.stringify({ keys: [attackerJwk] }),
      '/cert.pem': attacker.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    });
  });
  afterAll(async () => {
    await bait?.stop();
    await stack?.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const header = (extra: object = {}) => ({ alg: 'RS256', typ: 'at+jwt', kid: auth.kid, ...extra });
  const signed = (payload: object, head: object = header()) => forgeJwt(head, payload, signWith.rs256(auth.privateKey));
  const byAttacker = (head: object) => forgeJwt(head, claims, signWith.rs256(attacker.privateKey));
  const encode = (text: string) => Buffer.from(text).toString('base64url');
  /** Signs with auth's key a payload whose `claim` is the exact JSON text given, which JSON.stringify cannot write (`1e400`). */
  const signedWithRawClaim = (claim: string, json: string) => {
    const payload = JSON.stringify({ ...claims, [claim]: 0 }).replace(`"${claim}":0`, `"${claim}":${json}`);
    const input = `${encode(JSON.stringify(header()))}.${encode(payload)}`;
    return `${input}.${signWith.rs256(auth.privateKey)(input)}`;
  };
  const without = (claim: string) => () => {
    const { [claim]: _dropped, ...rest } = claims;
    return signed(rest);
  };

  /** GET /me on each service (auth's own is /auth/me): 401, `invalid_token`, and the reason described. */
  async function expectRefused(token: string, description: RegExp, services: readonly ServiceName[] = RESOURCE_SERVICES) {
    for (const service of services) {
      const reply = await call('GET', service === 'auth' ? `${stack.urls.auth}/auth/me` : `${stack.urls[service]}/me`, { token });
      expect({ service, status: reply.status }).toEqual({ service, status: 401 });
      expect(reply.headers.get('www-authenticate')).toMatch(new RegExp(`^Bearer realm="${service}", error="invalid_token"`));
      expect(reply.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(reply.headers.get('www-authenticate')).toMatch(description);
    }
  }

  it('accepts the honest token everywhere, with any case of "Bearer"', async () => {
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`, { headers: { authorization: `bEaReR ${honest}` } });
      expect(reply.status).toBe(200);
    }
  });

  it('challenges a request without a token, with no error code (RFC 6750 §3.1)', async () => {
    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe(`Bearer realm="${service}"`);
    }
  });

  const attacks: Array<[string, () => string, RegExp]> = [
    ['garbage', () => 'not.a.jwt', /malformed|invalid/i],
    ['alg: none', () => forgeJwt({ alg: 'none', typ: 'at+jwt', kid: auth.kid }, claims, signWith.none()), /algorithm/i],
    [
      'HS256 keyed with the published public key',
      () => {
        const pem = createPublicKey(auth.privateKey).export({ type: 'spki', format: 'pem' });
        return forgeJwt(header({ alg: 'HS256' }), claims, signWith.hs256(pem));
      },
      /algorithm/i,
    ],
    [
      'a foreign key claiming auth kid',
      () => forgeJwt(header(), claims, signWith.rs256(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)),
      /signature/i,
    ],
    ['a tampered payload (customer → admin)', () => tamper(honest, (payload) => (payload.roles = ['admin'])), /signature/i],
    ['an unknown kid', () => signed(claims, header({ kid: 'not-a-published-key' })), /key/i],
    ['a header that names its own key (jku)', () => signed(claims, header({ kid: undefined, jku: 'http://evil.example/jwks.json' })), /key/i],
    ['typ JWT', () => signed(claims, header({ typ: 'JWT' })), /type/i],
    ['no typ', () => signed(claims, header({ typ: undefined })), /type/i],
    ['another issuer', () => signed({ ...claims, iss: 'http://evil.example' }), /issuer/i],
    ['another audience', () => signed({ ...claims, aud: ['billing'] }), /audience/i],
    ['expired beyond the leeway', () => signed({ ...claims, iat: now() - 1000, exp: now() - 60 }), /expired/i],
    ['not valid yet', () => signed({ ...claims, nbf: now() + 600 }), /not (yet )?valid|before/i],
    ...['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id'].map(
      (claim): [string, () => string, RegExp] => [`no ${claim}`, without(claim), /claim|issuer|audience|expir/i],
    ),
  ];

  it.each(attacks)('refuses %s on every service', async (_name, token, description) => {
    await expectRefused(token(), description);
  });

  describe('algorithm confusion (RFC 8725 §2.1, §3.1)', () => {
    const cases: Array<[string, () => string]> = [
      ...['None', 'NONE', 'nOnE'].map((alg): [string, () => string] => [`alg: ${alg}`, () => forgeJwt(header({ alg }), claims, signWith.none())]),
      [
        'alg: none keeping auth signature',
        () => {
          const [, payload, signature] = honest.split('.');
          return `${encode(JSON.stringify(header({ alg: 'none' })))}.${payload}.${signature}`;
        },
      ],
      ['HS256 keyed with the published key as JWK JSON', () => forgeJwt(header({ alg: 'HS256' }), claims, signWith.hs256(JSON.stringify(JSON.parse(publishedJwks).keys[0])))],
      ['HS256 keyed with the JWKS document as served', () => forgeJwt(header({ alg: 'HS256' }), claims, signWith.hs256(publishedJwks))],
    ];

    it.each(cases)('refuses %s on every service', async (_name, token) => {
      await expectRefused(token(), /algorithm is not RS256/);
    });
  });

  describe('keys the token names or brings along (RFC 8725 §3.10): never fetched, never used', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['a foreign key with a made-up kid', () => byAttacker(header({ kid: 'attacker-key' })), /unknown key/],
      ['its own key embedded (jwk) under auth kid', () => byAttacker(header({ jwk: attackerJwk })), /signature is invalid/],
      ['its own key embedded (jwk) under its kid', () => byAttacker(header({ kid: 'attacker-key', jwk: attackerJwk })), /unknown key/],
      ['its own key embedded (jwk) and no kid', () => byAttacker(header({ kid: undefined, jwk: attackerJwk })), /names no signing key/],
      ['jku at its own server under auth kid', () => byAttacker(header({ jku: `${bait.url}/jwks.json` })), /signature is invalid/],
      ['jku at its own server under its kid', () => byAttacker(header({ kid: 'attacker-key', jku: `${bait.url}/jwks.json` })), /unknown key/],
      ['x5u at its own server under auth kid', () => byAttacker(header({ x5u: `${bait.url}/cert.pem` })), /signature is invalid/],
      ['x5u at its own server and no kid', () => byAttacker(header({ kid: undefined, x5u: `${bait.url}/cert.pem` })), /names no signing key/],
    ];

    it.each(cases)('refuses %s, and nothing reaches that server', async (_name, token, description) => {
      await expectRefused(token(), description, ['auth', ...RESOURCE_SERVICES]);
      expect(bait.requests).toEqual([]);
    });

    it.each([
      ['kid with path traversal, HS256 keyed with nothing (/dev/null)', { alg: 'HS256', kid: '../../../../../../dev/null' }, signWith.hs256(Buffer.alloc(0)), /algorithm/],
      ['kid with path traversal, RS256', { kid: '../../../../../../dev/null' }, signWith.rs256(attacker.privateKey), /unknown key/],
      ['kid with SQL', { kid: "' OR 1=1 --" }, signWith.rs256(attacker.privateKey), /unknown key/],
      ['kid with SQL naming the key table', { kid: "x' UNION SELECT public_key FROM signing_keys --" }, signWith.rs256(attacker.privateKey), /unknown key/],
    ])('refuses a %s on every service and at auth', async (_name, head, sign, description) => {
      await expectRefused(forgeJwt(header(head), claims, sign), description, ['auth', ...RESOURCE_SERVICES]);
    });
  });

  describe('headers an access token may not have', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      // Signed by auth's own key: only the crit rule stops them (RFC 7515 §4.1.11).
      ['crit naming an extension (b64: false, RFC 7797)', () => signed(claims, header({ crit: ['b64'], b64: false })), /malformed: crit/],
      ['crit naming a header parameter', () => signed(claims, header({ crit: ['exp'], exp: claims.exp })), /malformed: crit/],
      ['an empty crit', () => signed(claims, header({ crit: [] })), /malformed: crit/],
      ['typ id_token+jwt (an ID token)', () => signed(claims, header({ typ: 'id_token+jwt' })), /type is not at\+jwt/],
      ['typ application/jwt', () => signed(claims, header({ typ: 'application/jwt' })), /type is not at\+jwt/],
      ['typ at+jwt with a suffix', () => signed(claims, header({ typ: 'at+jwt2' })), /type is not at\+jwt/],
    ];

    it.each(cases)('refuses %s, signed by auth', async (_name, token, description) => {
      await expectRefused(token(), description);
    });
  });

  describe('timestamps: missing or not a NumericDate (RFC 7519 §2), or in the future; all signed by auth', () => {
    const cases: Array<[claim: string, json: string, description: RegExp]> = [
      ['exp', '"9999999999"', /invalid claim/],
      ['exp', '1e400', /invalid claim: exp/], // parses as Infinity: a token that never expires
      ['exp', '-1', /expired/],
      ['exp', '[9999999999]', /invalid claim/],
      ['exp', 'null', /invalid claim/],
      ['nbf', '"0"', /invalid claim/],
      ['nbf', '1e400', /not valid yet/],
      ['nbf', '-1', /invalid claim: nbf/],
      ['nbf', '[0]', /invalid claim/],
      ['iat', '"0"', /invalid claim: iat/],
      ['iat', '1e400', /invalid claim: iat/],
      ['iat', '-1', /invalid claim: iat/],
      ['iat', '[0]', /invalid claim: iat/],
      ['iat', '{}', /invalid claim: iat/],
    ];

    it.each(cases)('refuses %s: %s', async (claim, json, description) => {
      await expectRefused(signedWithRawClaim(claim, json), description);
    });

    it('refuses an iat in the future, beyond the clock tolerance', async () => {
      await expectRefused(signed({ ...claims, iat: now() + 600 }), /not valid yet: iat/);
    });
  });

  describe('issuer and audience', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['the issuer with a trailing slash', () => signed({ ...claims, iss: `${claims.iss}/` }), /issuer/],
      ['the issuer in capitals', () => signed({ ...claims, iss: claims.iss.toUpperCase() }), /issuer/],
      ['the issuer in a list', () => signed({ ...claims, iss: [claims.iss] }), /issuer/],
      ['an empty audience', () => signed({ ...claims, aud: [] }), /audience/],
    ];

    it.each(cases)('refuses %s', async (_name, token, description) => {
      await expectRefused(token(), description);
    });

    it('accepts a token for one service only there (RFC 9068 §4: aud)', async () => {
      const helpdeskOnly = signed({ ...claims, aud: ['helpdesk'] });
      expect((await call('GET', `${stack.urls.helpdesk}/me`, { token: helpdeskOnly })).status).toBe(200);
      await expectRefused(helpdeskOnly, /audience does not include this service/, ['shop', 'forum']);
    });
  });

  describe('oversized tokens: a bound, never a 500', () => {
    it('refuses a token over 8 KiB before parsing it, even one signed by auth', async () => {
      const padded = signed({ ...claims, name: 'A'.repeat(8 * 1024) });
      expect(padded.length).toBeGreaterThan(8 * 1024);
      await expectRefused(padded, /malformed: longer than 8192 characters/);
    });

    it("answers 431 in JSON when the headers pass Node's 16 KiB limit", async () => {
      const huge = signed({ ...claims, name: 'A'.repeat(20 * 1024) });
      for (const service of RESOURCE_SERVICES) {
        const reply = await call('GET', `${stack.urls[service]}/me`, { token: huge });
        expect({ service, status: reply.status, body: reply.body }).toEqual({
          service,
          status: 431,
          body: { statusCode: 431, error: 'Request Header Fields Too Large', message: "The request's headers are larger than 16384 bytes" },
        });
      }
    });
  });

  describe('malformed base64url and JSON (RFC 7515 §2, §7.1)', () => {
    const parts = () => honest.split('.') as [string, string, string];
    /** An honest token whose signature holds `-` or `_`, so that the standard alphabet spells it differently. */
    const withUrlSafeCharacters = () => {
      for (;;) {
        const candidate = signed({ ...claims, jti: randomUUID() });
        if (/[-_]/.test(candidate.split('.')[2]!)) return candidate.split('.') as [string, string, string];
      }
    };
    const cases: Array<[string, () => string, RegExp]> = [
      ['padding on every part', () => parts().map((part) => Buffer.from(part, 'base64url').toString('base64')).join('.'), /malformed/],
      [
        'the standard alphabet (+ and /)',
        () => {
          const [h, p, sig] = withUrlSafeCharacters();
          return `${h}.${p}.${sig.replaceAll('-', '+').replaceAll('_', '/')}`;
        },
        /malformed: signature is not base64url/,
      ],
      [
        "the signature's last character with unused bits set (the same bytes, spelled otherwise)",
        () => {
          const [h, p, sig] = parts();
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
          return `${h}.${p}.${sig.slice(0, -1)}${alphabet[alphabet.indexOf(sig.at(-1)!) ^ 1]}`;
        },
        /malformed: signature is not base64url/,
      ],
      ['a header that is not JSON', () => `${encode('not json')}.${parts()[1]}.${parts()[2]}`, /malformed/],
      ['a header that is a JSON array, signed by auth', () => forgeJwt([header()], claims, signWith.rs256(auth.privateKey)), /malformed: header is not a JSON object/],
      [
        'a payload that is not JSON, signed by auth',
        () => {
          const input = `${encode(JSON.stringify(header()))}.${encode('alice is admin')}`;
          return `${input}.${signWith.rs256(auth.privateKey)(input)}`;
        },
        /malformed: payload is not a JSON object/,
      ],
      ['a truncated signature', () => honest.slice(0, -10), /signature/],
      ['a token cut inside its payload', () => honest.slice(0, honest.indexOf('.') + 20), /malformed/],
      ['an extra segment', () => `${honest}.${parts()[2]}`, /malformed/],
      ['five segments, as a JWE', () => `${parts()[0]}.${parts()[1]}.AAAA.${parts()[1]}.${parts()[2]}`, /malformed/],
      ['an empty header', () => `.${parts()[1]}.${parts()[2]}`, /malformed/],
      ['an empty payload', () => `${parts()[0]}..${parts()[2]}`, /malformed/],
      ['an empty signature', () => `${parts()[0]}.${parts()[1]}.`, /signature/],
      ['only dots', () => '..', /malformed/],
    ];

    it.each(cases)('refuses %s', async (_name, token, description) => {
      await expectRefused(token(), description);
    });
  });

  it('accepts a token re-signed with auth key when only harmless fields change', async () => {
    const token = signed({ ...claims, jti: randomUUID() }, header({ typ: 'application/AT+JWT' }));
    for (const service of RESOURCE_SERVICES) {
      expect((await call('GET', `${stack.urls[service]}/me`, { token })).status).toBe(200);
    }
  });

  it('keeps serving from cached keys while auth is down, and refuses unknown keys meanwhile', async () => {
    await stack.stopService('auth');
    expect(await fetch(`${stack.urls.auth}/health`).then(() => 'up', () => 'down')).toBe('down');

    for (const service of RESOURCE_SERVICES) {
      const reply = await call('GET', `${stack.urls[service]}/me`, { token: honest });
      expect(reply).toMatchObject({ status: 200, body: { service, user: { email: ALICE } } });
    }
    const order = await call('POST', `${stack.urls.shop}/orders`, {
      token: honest,
      json: { productId: (await call('GET', `${stack.urls.shop}/products`)).body[0].id, quantity: 1 },
    });
    expect(order.status).toBe(201);
    await expectRefused(signed(claims, header({ kid: 'rotated-while-auth-was-down' })), /key/i);

    await stack.startService('auth');
    const again = await login(stack, ALICE);
    expect(decodeJwt(again.access_token).header.kid).toBe(auth.kid); // the key survived the restart
    expect((await call('GET', `${stack.urls.auth}/auth/me`, { token: honest })).status).toBe(200);
  });
});
