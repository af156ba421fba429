import { createHash, type JsonWebKey } from 'node:crypto';

/**
 * RFC 7638 JWK thumbprint of an RSA public key: SHA-256 over the required members in
 * lexicographic order, base64url. Used as the `kid`, so a key's id follows from the key itself.
 */
export function rsaThumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
