import { createHmac, createSign, type KeyObject } from 'node:crypto';

/**
 * Builds a JWT by hand, so tests can craft what no honest library would sign: `alg: none`, HS256
 * keyed with a public key, missing claims, a wrong `typ`.
 */
export function forgeJwt(header: object, payload: object, sign: (input: string) => string): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${sign(input)}`;
}

export const signWith = {
  rs256: (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key).toString('base64url'),
  hs256: (secret: string | Buffer) => (input: string) => createHmac('sha256', secret).update(input).digest('base64url'),
  none: () => () => '',
};

/** Decodes a JWT's header and payload without verifying anything. */
export function decodeJwt(token: string): { header: Record<string, any>; payload: Record<string, any> } {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header!, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()) };
}

/** Replaces the payload of a signed token, keeping its header and signature: a tampered token. */
export function tamper(token: string, change: (payload: Record<string, any>) => void): string {
  const [header, , signature] = token.split('.');
  const { payload } = decodeJwt(token);
  change(payload);
  return `${header}.${encode(payload)}.${signature}`;
}

function encode(part: object): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}
