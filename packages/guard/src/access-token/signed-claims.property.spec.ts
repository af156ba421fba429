import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ROLES } from '../authenticated-user.js';
import { AUDIENCE, get, ISSUER, newSigningKey, nowSeconds, signRaw, startTestApp, type TestApp } from '../guard.test-support.js';

const RUNS = 1_000;
const SEED = 20_260_707;
const CLOCK_TOLERANCE_SECONDS = 5;

/** A claim's JSON text, given the time the token is sent (so timestamps stay clear of the tolerance edges). */
type ClaimText = (now: number) => string;

const text = (value: unknown): ClaimText => () => JSON.stringify(value);
const at = (offsetSeconds: number): ClaimText => (now) => String(now + offsetSeconds);
/** JSON texts JSON.stringify cannot write, and values of the wrong type. */
const ODD = ['1e400', '-1e400', '-1', '0.5', 'null', 'true', '""', '"1"', '[]', '{}', '[1]'].map((json): ClaimText => () => json);

/** The payload's JSON text: each chosen claim's text, leaving out those chosen missing. */
function payloadOf(claims: Record<string, ClaimText | undefined>, now: number): string {
  const members = Object.entries(claims).filter((entry): entry is [string, ClaimText] => entry[1] !== undefined);
  return `{${members.map(([name, json]) => `${JSON.stringify(name)}:${json(now)}`).join(',')}}`;
}

/** Each claim: mostly honest (so that some tokens pass), else missing (undefined), a near miss, or any JSON at all. */
function claim(honest: ClaimText, nearMisses: ClaimText[]): fc.Arbitrary<ClaimText | undefined> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constant(honest) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...nearMisses, ...ODD) },
    { weight: 1, arbitrary: fc.jsonValue().map(text) },
  );
}

const CLAIMS = {
  iss: claim(text(ISSUER), [text(`${ISSUER}/`), text(ISSUER.toUpperCase()), text([ISSUER]), text('')]),
  sub: claim(text('user-1'), [text(''), text(7)]),
  aud: claim(text([AUDIENCE, 'forum']), [text(AUDIENCE), text(['forum']), text([]), text(AUDIENCE.toUpperCase()), text([[AUDIENCE]])]),
  exp: claim(at(900), [at(-2), at(-60), at(60), text('9999999999')]),
  nbf: claim(at(-60), [at(2), at(600), text(0)]),
  iat: claim(at(0), [at(-3600), at(2), at(600), text(0)]),
  jti: claim(text('a-token-id'), [text(''), text(1)]),
  client_id: claim(text('sso-web'), [text(''), text(['sso-web'])]),
  scope: claim(text('openid profile'), [text(['openid']), text('')]),
  email: claim(text('alice@example.com'), [text(''), text(null)]),
  name: claim(text('Alice'), [text('')]),
  roles: claim(text(['customer']), [text([]), text(['admin', 'agent']), text(['root']), text('admin'), text([null])]),
};

const HEADER = fc.record({
  typ: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('at+jwt', 'application/at+jwt', 'AT+JWT') }, { weight: 2, arbitrary: fc.constantFrom('JWT', 'id_token+jwt', undefined, 7) }),
  extra: fc.option(fc.constantFrom({ crit: ['exp'] }, { crit: [] }, { jku: 'http://evil.example/jwks.json' }, { x5u: 'http://evil.example/c.pem' }, { cty: 'JWT' }), { freq: 3 }),
});

/**
 * What the access-token profile accepts, restated from the contract rather than from the guard's
 * code: RFC 9068 §2.2 and §4 (required claims, `typ`, `iss`, `aud`, `exp`, `nbf`), NumericDates
 * (RFC 7519 §2), no `iat` in the future, no `crit`, and the identity claims the services read.
 */
function profileAccepts(header: Record<string, unknown>, claims: Record<string, unknown>, now: number, length: number): boolean {
  const isNumericDate = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  const isText = (value: unknown) => typeof value === 'string' && value !== '';
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return (
    length <= 8192 &&
    header.crit === undefined &&
    typeof header.typ === 'string' &&
    ['at+jwt', 'application/at+jwt'].includes(header.typ.toLowerCase()) &&
    claims.iss === ISSUER &&
    audience.includes(AUDIENCE) &&
    ['exp', 'nbf', 'iat'].every((name) => claims[name] === undefined || isNumericDate(claims[name])) &&
    isNumericDate(claims.exp) &&
    now < (claims.exp as number) + CLOCK_TOLERANCE_SECONDS &&
    (claims.nbf === undefined || (claims.nbf as number) <= now + CLOCK_TOLERANCE_SECONDS) &&
    isNumericDate(claims.iat) &&
    (claims.iat as number) <= now + CLOCK_TOLERANCE_SECONDS &&
    ['sub', 'jti', 'client_id', 'email', 'name'].every((name) => isText(claims[name])) &&
    Array.isArray(claims.roles) &&
    claims.roles.every((role) => (ROLES as readonly unknown[]).includes(role)) &&
    (claims.scope === undefined || typeof claims.scope === 'string')
  );
}

/** An application's token: `sub` = `client_id`, mostly honest, sometimes with a person's claims or a bad `scope`. */
const APPLICATION_CLAIMS = {
  iss: claim(text(ISSUER), [text(`${ISSUER}/`)]),
  aud: claim(text([AUDIENCE]), [text(['forum'])]),
  exp: claim(at(900), [at(-60)]),
  iat: claim(at(0), [at(600)]),
  jti: claim(text('a-token-id'), [text('')]),
  scope: claim(text('orders:read'), [text('reports:read'), text('orders:read reports:read'), text(' orders:read '), text(''), text('  '), text(['orders:read']), text('orders:READ')]),
  email: rarely(text('alice@example.com'), text('')),
  email_verified: rarely(text(true), text(false)),
  name: rarely(text('Alice')),
  roles: rarely(text(['admin']), text([])),
};

/** A claim an honest application token lacks: mostly absent, sometimes one of these. */
function rarely(...present: ClaimText[]): fc.Arbitrary<ClaimText | undefined> {
  return fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...present) });
}

/**
 * What SPEC-12 says of a token whose `sub` is its `client_id`: the profile's rules, a `scope` that
 * is a string naming at least one scope, and none of a person's claims. `undefined` when refused;
 * else the scopes it grants.
 */
function applicationProfileGrants(claims: Record<string, unknown>, now: number): string[] | undefined {
  const isNumericDate = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const valid =
    claims.iss === ISSUER &&
    audience.includes(AUDIENCE) &&
    isNumericDate(claims.exp) &&
    now < (claims.exp as number) + CLOCK_TOLERANCE_SECONDS &&
    isNumericDate(claims.iat) &&
    (claims.iat as number) <= now + CLOCK_TOLERANCE_SECONDS &&
    typeof claims.jti === 'string' &&
    claims.jti !== '' &&
    ['email', 'email_verified', 'name', 'roles'].every((name) => !(name in claims));
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return valid && scopes.length > 0 ? scopes : undefined;
}

// Tokens signed by auth's own key, with random near-miss headers and claims: what only auth could
// send, and what the fuzzing of forged tokens never reaches. Each is accepted exactly when the
// profile says so, and never answered 5xx.
describe('tokens signed by auth, with random claims', () => {
  const auth = newSigningKey('auth-key-1');
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      audience: AUDIENCE,
      issuer: ISSUER,
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
      keySource: { getKey: async (kid) => (kid === auth.kid ? auth.publicKey : undefined) },
    });
  });
  afterAll(() => app?.close());

  it(`answers ${RUNS} of them 200 exactly when the profile accepts them, else 401`, async () => {
    const outcomes = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(HEADER, fc.record(CLAIMS), async ({ typ, extra }, chosen) => {
        const now = nowSeconds();
        const header = { alg: 'RS256', kid: auth.kid, ...(typ === undefined ? {} : { typ }), ...extra };
        const payload = payloadOf(chosen, now);
        const token = signRaw(auth, header, payload);
        const reply = await get(`${app.url}/me`, `Bearer ${token}`);
        const expected = profileAccepts(header, JSON.parse(payload), now, token.length) ? 200 : 401;
        outcomes[reply.status === 200 ? 'accepted' : 'refused'] += 1;
        expect({ status: reply.status, header, payload }).toEqual({ status: expected, header, payload });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`signed-claims property: ${RUNS} tokens signed by auth, ${outcomes.accepted} accepted as the profile says, ${outcomes.refused} refused, seed ${SEED}`);
    expect(outcomes.accepted).toBeGreaterThan(RUNS / 20); // the generator reaches both sides
  });

  // The same for applications' tokens, on three routes: one for users (an application never gets
  // in), one with @Scopes('orders:read') (only with that exact scope), and one that admits
  // applications (any valid one).
  it(`answers ${RUNS / 4} application tokens (sub = client_id) as the profile says, on every route`, async () => {
    const outcomes = { granted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.record(APPLICATION_CLAIMS), async (chosen) => {
        const now = nowSeconds();
        const claims = { ...chosen, sub: text('reporting'), client_id: text('reporting') };
        const payload = payloadOf(claims, now);
        const token = signRaw(auth, { alg: 'RS256', typ: 'at+jwt', kid: auth.kid }, payload);
        const granted = applicationProfileGrants(JSON.parse(payload), now);
        outcomes[granted ? 'granted' : 'refused'] += 1;
        const statuses = await Promise.all(['/me', '/customers/c-1/orders', '/client'].map(async (path) => (await get(`${app.url}${path}`, `Bearer ${token}`)).status));
        const expected = granted ? [403, granted.includes('orders:read') ? 200 : 403, 200] : [401, 401, 401];
        expect({ statuses, payload }).toEqual({ statuses: expected, payload });
      }),
      { seed: SEED, numRuns: RUNS / 4 },
    );
    console.log(`application-claims property: ${RUNS / 4} application tokens, ${outcomes.granted} granted scopes as the profile says, ${outcomes.refused} refused, seed ${SEED}`);
    expect(outcomes.granted).toBeGreaterThan(RUNS / 4 / 20);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 4 / 20);
  });

});
