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
        const payload = `{${Object.entries(chosen)
          .filter((entry): entry is [string, ClaimText] => entry[1] !== undefined)
          .map(([name, json]) => `${JSON.stringify(name)}:${json(now)}`)
          .join(',')}}`;
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
});
