import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { VerificationKeySource } from '@sso/guard';
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Prisma, SigningKey } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { rsaThumbprint } from './jwk-thumbprint.js';
import { isPlaintextPem, PRIVATE_KEY_CIPHER, type PrivateKeyCipher } from './private-key-cipher.js';

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

/** Any fixed number: serialises key creation and encryption between auth instances starting at once. */
const KEY_CREATION_LOCK = 4_771_001;
const RSA_MODULUS_BITS = 2048;

const UNENCRYPTED_WARNING =
  'SIGNING_KEY_ENCRYPTION_KEY is not set: the signing private key is stored unencrypted in the database. ' +
  'Set it to 32 or more random bytes (openssl rand -hex 32) to encrypt it at rest; it is required when NODE_ENV is production.';

/**
 * auth's RS256 key pairs. On first start it generates one and stores it in auth's database, so a
 * restart keeps the same `kid` and every token already issued stays valid. The newest unretired
 * key signs; every unretired key is published, ready for rotation.
 *
 * Private keys are stored encrypted when a {@link PrivateKeyCipher} is configured, and keys stored
 * in plain text earlier are encrypted at the next start. A key the cipher cannot decrypt (another
 * SIGNING_KEY_ENCRYPTION_KEY) stops auth at boot rather than letting it sign with a new key that
 * every service would meet unannounced.
 */
@Injectable()
export class SigningKeys implements VerificationKeySource, OnModuleInit {
  private readonly logger = new Logger(SigningKeys.name);
  private active?: ActiveSigningKey;
  private publicKeys = new Map<string, KeyObject>();
  private published: PublicJwk[] = [];

  constructor(
    private readonly prisma: PrismaService,
    @Inject(PRIVATE_KEY_CIPHER) private readonly cipher: PrivateKeyCipher | null = null,
  ) {}

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
    if (!this.cipher) this.logger.warn(UNENCRYPTED_WARNING);
    const { keys, activePem } = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK})`;
      await this.encryptPlaintextKeys(tx);
      const keys = await this.unretiredKeys(tx);
      // Decrypted before the transaction ends: a key that does not decrypt undoes the encryption above too.
      return { keys, activePem: await this.privatePem(keys[0]!) };
    });
    this.active = { kid: keys[0]!.kid, privateKey: createPrivateKey(activePem) };
    this.publicKeys = new Map(keys.map((key) => [key.kid, createPublicKey(key.publicKey)]));
    this.published = keys.map((key) => toPublicJwk(key.kid, this.publicKeys.get(key.kid)!));
  }

  /** The unretired keys, newest first; on first start, a new one. */
  private async unretiredKeys(tx: Prisma.TransactionClient): Promise<SigningKey[]> {
    const existing = await tx.signingKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
    if (existing.length > 0) return existing;
    const created = await tx.signingKey.create({ data: await this.newKeyPair() });
    this.logger.log(`Generated a new RS256 signing key, kid ${created.kid}`);
    return [created];
  }

  /** Encrypts, in place, every key stored as plain PEM (retired ones too: they could still sign). */
  private async encryptPlaintextKeys(tx: Prisma.TransactionClient): Promise<void> {
    if (!this.cipher) return;
    const plaintext = (await tx.signingKey.findMany()).filter((key) => isPlaintextPem(key.privateKey));
    for (const { kid, privateKey } of plaintext) {
      await tx.signingKey.update({ where: { kid }, data: { privateKey: await this.cipher.encrypt(privateKey, kid) } });
    }
    if (plaintext.length > 0) this.logger.log(`Encrypted ${plaintext.length} signing key(s) stored in plain text`);
  }

  private async privatePem({ kid, privateKey }: SigningKey): Promise<string> {
    if (isPlaintextPem(privateKey)) return privateKey;
    if (!this.cipher) throw new Error(`Signing key ${kid} is stored encrypted, but SIGNING_KEY_ENCRYPTION_KEY is not set; set it to the key that encrypted it`);
    return this.cipher.decrypt(privateKey, kid);
  }

  private async newKeyPair() {
    const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: RSA_MODULUS_BITS });
    const kid = rsaThumbprint(publicKey.export({ format: 'jwk' }));
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    return {
      kid,
      algorithm: 'RS256',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKey: this.cipher ? await this.cipher.encrypt(pem, kid) : pem,
    };
  }
}

function toPublicJwk(kid: string, key: KeyObject): PublicJwk {
  const { n, e } = key.export({ format: 'jwk' });
  return { kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: n!, e: e! };
}
