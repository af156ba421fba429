import fc from 'fast-check';
import { createHmac, createSign, type KeyObject } from 'node:crypto';

/** What the fuzzer bends into hostile tokens. Never auth's private key: nothing it makes can be honest. */
export interface TokenMaterial {
  /** A token auth issued; sent only ever mutated. */
  honest: string;
  /** auth's public key, as PEM and as its published JWK (JSON text): HS256 secrets in key-confusion attacks. */
  publicPem: string;
  publicJwk: string;
  /** RSA keys auth never published. */
  foreignKeys: KeyObject[];
}

const BASE64URL_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
/** Characters a header value can carry that are not base64url, some of them meaningful to parsers. */
const STRAY_CHARACTERS = [...'+/=. %!~"\'\\;,:{}[]<>\t'];
const PRINTABLE_ASCII = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

const ALGORITHMS = ['RS256', 'none', 'None', 'NONE', 'nOnE', 'HS256', 'HS384', 'HS512', 'RS384', 'RS512', 'PS256', 'ES256', 'EdDSA', 'rs256', 'RS256 ', ''];
const TYPES = ['at+jwt', 'application/at+jwt', 'AT+JWT', 'JWT', 'id_token+jwt', 'application/jwt', 'at+jwt2', ''];
const HOSTILE_KIDS = ['../../dev/null', '../../../../../../etc/passwd', "' OR 1=1 --", "x' UNION SELECT public_key FROM signing_keys --", '', '0', 'null'];
const HEADER_EXTRAS = ['jku', 'jwk', 'x5u', 'x5c', 'x5t', 'crit', 'b64', 'cty', 'zip', 'enc', 'typ', 'alg', 'kid', '__proto__'];
const CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'client_id', 'scope', 'email', 'name', 'roles', '__proto__'];
/** JSON texts for a claim: timestamps JSON.stringify cannot write, and wrong types. */
const ODD_JSON_VALUES = ['1e400', '-1e400', '1e-400', '-0', '-1', '0.5', '9007199254740993', 'null', 'true', '[]', '{}', '""', '"now"', '[1,2]'];

/**
 * Tokens a running service must refuse: the honest token with characters flipped, inserted or
 * deleted in any part; its parts rearranged, dropped or repeated; headers and payloads re-encoded
 * from random or subtly wrong JSON, under every `alg`, `typ` and `kid`, signed by keys auth never
 * published or by HS256 keyed with auth's public key; oversized tokens; and plain random text.
 */
export function hostileToken(material: TokenMaterial): fc.Arbitrary<string> {
  const [header, payload, signature] = material.honest.split('.') as [string, string, string];
  const honestParts = [header, payload, signature];
  return fc
    .oneof(
      { weight: 4, arbitrary: characterEdits(honestParts) },
      { weight: 1, arbitrary: rearrangedParts(honestParts) },
      { weight: 4, arbitrary: reencoded(material) },
      { weight: 1, arbitrary: fc.integer({ min: 7 * 1024, max: 15 * 1024 }).map((length) => `${header}.${'A'.repeat(length)}.${signature}`) },
      { weight: 1, arbitrary: fc.string({ unit: PRINTABLE_ASCII, maxLength: 400 }) },
      { weight: 1, arbitrary: fc.array(fc.string({ unit: fc.constantFrom(...BASE64URL_ALPHABET), maxLength: 120 }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')) },
    )
    .filter((token) => token !== material.honest);
}

/**
 * One to four characters flipped, inserted or deleted in any part, often at its very end: the last
 * character of a base64url part carries unused bits, where lenient decoders let a changed token
 * through.
 */
function characterEdits(parts: string[]): fc.Arbitrary<string> {
  const character = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...BASE64URL_ALPHABET) }, { weight: 1, arbitrary: fc.constantFrom(...STRAY_CHARACTERS) });
  const fromEnd = fc.integer({ min: 1, max: 2 }).map((back) => -back);
  const edit = fc.record({ part: fc.nat(parts.length - 1), at: fc.oneof(fc.nat(), fromEnd), kind: fc.constantFrom('flip', 'insert', 'delete'), character });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    const edited = [...parts];
    for (const { part, at, kind, character: c } of edits) {
      const text = edited[part]!;
      const i = at < 0 ? Math.max(0, text.length + at) : at % (text.length + 1);
      edited[part] = kind === 'insert' ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + (kind === 'flip' ? c : '') + text.slice(i + 1);
    }
    return edited.join('.');
  });
}

/** The honest parts swapped, repeated, dropped or emptied: zero to five of them. */
function rearrangedParts(parts: string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...parts), fc.constant('')), { maxLength: 5 }).map((chosen) => chosen.join('.'));
}

/** A header and a payload written afresh, then signed some way auth never signs. */
function reencoded(material: TokenMaterial): fc.Arbitrary<string> {
  const honest = JSON.parse(Buffer.from(material.honest.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(material.honest.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  return fc.tuple(headerText(honest), payloadText(claims), signer(material, material.honest.split('.')[2]!)).map(([h, p, sign]) => {
    const input = `${encode(h)}.${encode(p)}`;
    return `${input}.${sign(input)}`;
  });
}

/** Mostly auth's own `alg`, `typ` and `kid`, so that many tokens get as far as the signature check. */
function headerText(honest: Record<string, unknown>): fc.Arbitrary<string> {
  const field = <T>(usual: T, others: T[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(usual) },
      { weight: 3, arbitrary: fc.constantFrom(...others) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.jsonValue() },
      { weight: 1, arbitrary: fc.string() },
    );
  const shaped = fc
    .record({
      alg: field(honest.alg, ALGORITHMS),
      typ: field(honest.typ, TYPES),
      kid: field(honest.kid, HOSTILE_KIDS),
      extras: fc.dictionary(fc.constantFrom(...HEADER_EXTRAS), fc.jsonValue(), { maxKeys: 2 }),
    })
    .map(({ extras, ...fields }) => JSON.stringify({ ...fields, ...extras }));
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: fc.json() }, { weight: 1, arbitrary: fc.string() });
}

/** The honest claims with some replaced by random or odd JSON, some dropped; or any JSON at all. */
function payloadText(claims: Record<string, unknown>): fc.Arbitrary<string> {
  const value = fc.oneof(fc.json(), fc.constantFrom(...ODD_JSON_VALUES), fc.integer({ min: 0, max: 4_102_444_800 }).map(String));
  const changed = fc
    .record({ replaced: fc.dictionary(fc.constantFrom(...CLAIMS), value, { maxKeys: 4 }), dropped: fc.subarray(CLAIMS, { maxLength: 3 }) })
    .map(({ replaced, dropped }) => {
      const entries = Object.entries(claims)
        .filter(([claim]) => !dropped.includes(claim) && !(claim in replaced))
        .map(([claim, v]) => [claim, JSON.stringify(v)]);
      return `{${[...entries, ...Object.entries(replaced)].map(([claim, json]) => `${JSON.stringify(claim)}:${json}`).join(',')}}`;
    });
  return fc.oneof({ weight: 6, arbitrary: changed }, { weight: 1, arbitrary: fc.json() }, { weight: 1, arbitrary: fc.string() });
}

/** Every way to sign except auth's: the honest signature over other content, none, random bytes, foreign keys, HMAC confusion. */
function signer(material: TokenMaterial, honestSignature: string): fc.Arbitrary<(input: string) => string> {
  const hmac = (secret: string) => (input: string) => createHmac('sha256', secret).update(input).digest('base64url');
  return fc.oneof(
    fc.constant(() => honestSignature),
    fc.constant(() => ''),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => () => Buffer.from(bytes).toString('base64url')),
    fc.constantFrom(...material.foreignKeys).map((key) => (input: string) => createSign('RSA-SHA256').update(input).sign(key).toString('base64url')),
    fc.constantFrom(material.publicPem, material.publicJwk).map(hmac),
    fc.string().map(hmac),
  );
}

function encode(text: string): string {
  return Buffer.from(text).toString('base64url');
}
