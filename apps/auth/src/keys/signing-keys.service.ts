import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { VerificationKeySource } from '@sso/guard';
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Prisma, SigningKey } from '../generated/prisma/client.js';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
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

/** A key as auth holds it in memory, with its schedule. */
interface ScheduledKey {
  kid: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  jwk: PublicJwk;
  /** Epoch ms from which it may sign. */
  activatesAt: number;
  /** Epoch ms from which it is no longer published; Infinity while no rotation retired it. */
  retiresAt: number;
}

/** What a rotation scheduled: the new key, when it starts signing, and when the old ones stop being published. */
export interface KeyRotation {
  kid: string;
  activatesAt: Date;
  retiring: Array<{ kid: string; retiresAt: Date }>;
}

/** The largest clock leeway a service may allow (`clockToleranceSeconds`): an old key outlives its last token by this much. */
const MAX_VERIFIER_LEEWAY_MS = 30_000;
/** Other auth instances pick up a rotation within this time. */
const RELOAD_INTERVAL_MS = 10_000;

/**
 * auth's RS256 key pairs. On first start it generates one and stores it in auth's database, so a
 * restart keeps the same `kid` and every token already issued stays valid.
 *
 * Rotation follows Auth0 and Okta: the next key is published at once but signs only from
 * `activatesAt` (`KEY_ROTATION_DELAY` later, at least the services' JWKS refetch cooldown, so each
 * can have fetched it before meeting a token it signed); the old key stays published until the
 * last token it signed has expired, plus the largest leeway a service may allow. The newest active
 * key signs; every key not yet retired is published. Instances reload the schedule every 10 s.
 *
 * Private keys are stored encrypted when a {@link PrivateKeyCipher} is configured, and keys stored
 * in plain text earlier are encrypted at the next start. A key the cipher cannot decrypt (another
 * SIGNING_KEY_ENCRYPTION_KEY) stops auth at boot rather than letting it sign with a new key that
 * every service would meet unannounced.
 */
@Injectable()
export class SigningKeys implements VerificationKeySource, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeys.name);
  private keys: ScheduledKey[] = [];
  private signingKid?: string;
  private reloadTimer?: NodeJS.Timeout;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(PRIVATE_KEY_CIPHER) private readonly cipher: PrivateKeyCipher | null = null,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.cipher) this.logger.warn(UNENCRYPTED_WARNING);
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK})`;
      await this.encryptPlaintextKeys(tx);
      await this.ensureOneKey(tx);
      // Decrypted before the transaction ends: a key that does not decrypt undoes the encryption above too.
      this.keys = await this.scheduledKeys(tx);
    });
    this.reloadTimer = setInterval(() => void this.reloadQuietly(), RELOAD_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.reloadTimer);
  }

  /** The key that signs new access tokens: the newest one whose time has come. */
  signingKey(): ActiveSigningKey {
    const now = Date.now();
    const key = this.keys.find((each) => each.activatesAt <= now && each.retiresAt > now);
    if (!key) throw new Error('No signing key is active');
    if (this.signingKid !== undefined && this.signingKid !== key.kid) {
      this.logger.log(`Key rotation done: signing with kid ${key.kid} (was ${this.signingKid})`);
    }
    this.signingKid = key.kid;
    return { kid: key.kid, privateKey: key.privateKey };
  }

  /** The JWKS document: public members only, of every key not yet retired. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.publishedKeys().map((key) => key.jwk) };
  }

  /** auth verifies its own tokens (for `/auth/me`) with the same keys it publishes. */
  async getKey(kid: string): Promise<KeyObject | undefined> {
    return this.publishedKeys().find((key) => key.kid === kid)?.publicKey;
  }

  /**
   * Schedules a rotation: a new key, published now and signing `KEY_ROTATION_DELAY` from now; the
   * keys published today stop being published once every token they can still sign has expired.
   */
  async rotate(): Promise<KeyRotation> {
    const rotation = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK})`;
      const activatesAt = new Date(Date.now() + this.config.KEY_ROTATION_DELAY * 1000);
      const retiresAt = new Date(activatesAt.getTime() + this.config.ACCESS_TOKEN_TTL * 1000 + MAX_VERIFIER_LEEWAY_MS);
      const current = await tx.signingKey.findMany({ where: { retiredAt: null } });
      await tx.signingKey.updateMany({ where: { kid: { in: current.map((key) => key.kid) } }, data: { retiredAt: retiresAt } });
      const created = await tx.signingKey.create({ data: { ...(await this.newKeyPair()), activatesAt } });
      this.keys = await this.scheduledKeys(tx);
      return { kid: created.kid, activatesAt, retiring: current.map((key) => ({ kid: key.kid, retiresAt })) };
    });
    this.logger.warn(
      `Key rotation started: kid ${rotation.kid} published, signing from ${rotation.activatesAt.toISOString()}; ` +
        rotation.retiring.map((key) => `kid ${key.kid} published until ${key.retiresAt.toISOString()}`).join(', '),
    );
    return rotation;
  }

  private publishedKeys(): ScheduledKey[] {
    const now = Date.now();
    return this.keys.filter((key) => key.retiresAt > now);
  }

  /** Picks up a rotation made by another instance; a database that does not answer keeps the schedule held. */
  private async reloadQuietly(): Promise<void> {
    try {
      this.keys = await this.scheduledKeys(this.prisma);
    } catch (error) {
      this.logger.debug(`Could not reload the signing keys: ${(error as Error).message}`);
    }
  }

  /** Every key not yet retired, newest activation first, decrypted. */
  private async scheduledKeys(db: Prisma.TransactionClient): Promise<ScheduledKey[]> {
    const stored = await db.signingKey.findMany({
      where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date() } }] },
      orderBy: [{ activatesAt: 'desc' }, { createdAt: 'desc' }],
    });
    return Promise.all(
      stored.map(async (key) => {
        const publicKey = createPublicKey(key.publicKey);
        return {
          kid: key.kid,
          publicKey,
          privateKey: createPrivateKey(await this.privatePem(key)),
          jwk: toPublicJwk(key.kid, publicKey),
          activatesAt: key.activatesAt.getTime(),
          retiresAt: key.retiredAt?.getTime() ?? Number.POSITIVE_INFINITY,
        };
      }),
    );
  }

  /** On first start (or once every key has retired), a key that signs at once. */
  private async ensureOneKey(tx: Prisma.TransactionClient): Promise<void> {
    const live = await tx.signingKey.count({ where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date() } }] } });
    if (live > 0) return;
    const created = await tx.signingKey.create({ data: await this.newKeyPair() });
    this.logger.log(`Generated a new RS256 signing key, kid ${created.kid}`);
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
