import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { VerificationKeySource } from '@sso/guard';
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { PrismaService } from '../prisma/prisma.service.js';
import { rsaThumbprint } from './jwk-thumbprint.js';

/** A public key as published in the JWKS (RFC 7517), private members never included. */
export interface PublicJwk {
  kty: 'RSA';
  kid: string;
  use: 'sig';
  alg: 'RS256';
  n: string;
  e: string;
}

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** Any fixed number: serialises key creation between auth instances starting at once. */
const KEY_CREATION_LOCK = 4_771_001;
const RSA_MODULUS_BITS = 2048;

/**
 * auth's RS256 key pairs. On first start it generates one and stores it in auth's database, so a
 * restart keeps the same `kid` and every token already issued stays valid. The newest unretired
 * key signs; every unretired key is published, ready for rotation.
 */
@Injectable()
export class SigningKeys implements VerificationKeySource, OnModuleInit {
  private readonly logger = new Logger(SigningKeys.name);
  private active?: ActiveSigningKey;
  private publicKeys = new Map<string, KeyObject>();
  private published: PublicJwk[] = [];

  constructor(private readonly prisma: PrismaService) {}

  async onModuleInit(): Promise<void> {
    await this.load();
  }

  /** The key that signs new access tokens. */
  signingKey(): ActiveSigningKey {
    if (!this.active) throw new Error('Signing keys are not loaded yet');
    return this.active;
  }

  /** The JWKS document: public members only. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.published };
  }

  /** auth verifies its own tokens (for `/auth/me`) with the same keys it publishes. */
  async getKey(kid: string): Promise<KeyObject | undefined> {
    return this.publicKeys.get(kid);
  }

  private async load(): Promise<void> {
    const stored = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK})`;
      const existing = await tx.signingKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
      if (existing.length > 0) return existing;
      const created = await tx.signingKey.create({ data: await newKeyPair() });
      this.logger.log(`Generated a new RS256 signing key, kid ${created.kid}`);
      return [created];
    });
    const [newest] = stored;
    this.active = { kid: newest!.kid, privateKey: createPrivateKey(newest!.privateKey) };
    this.publicKeys = new Map(stored.map((key) => [key.kid, createPublicKey(key.publicKey)]));
    this.published = stored.map((key) => toPublicJwk(key.kid, this.publicKeys.get(key.kid)!));
  }
}

async function newKeyPair() {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: RSA_MODULUS_BITS });
  return {
    kid: rsaThumbprint(publicKey.export({ format: 'jwk' })),
    algorithm: 'RS256',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function toPublicJwk(kid: string, key: KeyObject): PublicJwk {
  const { n, e } = key.export({ format: 'jwk' });
  return { kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: n!, e: e! };
}
