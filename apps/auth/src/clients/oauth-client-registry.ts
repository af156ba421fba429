import { randomBytes } from 'node:crypto';
import type { OAuthClient, PrismaClient } from '../generated/prisma/client.js';
import { clientSecretMatches, generateClientSecret, hashClientSecret } from './client-secret.js';
import { assertValidClientId, type ClientRegistration, isUuidShaped, validRegistration } from './client-registration.js';

/** A client as operators see it: everything but the secret. */
export interface RegisteredClient {
  clientId: string;
  name: string;
  scopes: string[];
  audiences: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** A newly created client and its secret, which exists in clear only in this answer. */
export interface CreatedClient {
  client: RegisteredClient;
  secret: string;
}

/** Outcome of {@link OAuthClientRegistry.ensure}. */
export type EnsureOutcome = 'created' | 'updated' | 'revoked';

/** The hash of a secret no one knows: an unknown client is compared against it, so that it costs what a known one does. */
const NO_CLIENT_HASH = hashClientSecret(randomBytes(32).toString('base64url'));

/**
 * The registered applications, in auth's `oauth_clients` table: created and revoked by the admin
 * endpoints and the `clients` CLI, read by the token and introspection endpoints. A plain class on a
 * Prisma client, so the CLI uses it without booting Nest.
 */
export class OAuthClientRegistry {
  constructor(private readonly prisma: Pick<PrismaClient, 'oAuthClient'>) {}

  /** Registers an application under a new id made from its name (`reporting-3f9a1c2b7d4e`). */
  async create(registration: ClientRegistration): Promise<CreatedClient> {
    const valid = validRegistration(registration);
    const secret = generateClientSecret();
    const row = await this.prisma.oAuthClient.create({
      data: { clientId: clientIdFor(valid.name), ...valid, secretHash: hashClientSecret(secret) },
    });
    return { client: registered(row), secret };
  }

  /**
   * Makes `clientId` exist with this registration and secret, whether or not it did (provisioning,
   * run on every start of the stack). A revoked client stays revoked: revocation is final for an
   * id, so that a secret it was revoked for never works again however the stack is restarted.
   */
  async ensure(clientId: string, registration: ClientRegistration, secret: string): Promise<EnsureOutcome> {
    assertValidClientId(clientId);
    const valid = validRegistration(registration);
    const secretHash = hashClientSecret(secret);
    const existing = await this.prisma.oAuthClient.findUnique({ where: { clientId } });
    if (existing?.revokedAt) return 'revoked';
    await this.prisma.oAuthClient.upsert({
      where: { clientId },
      create: { clientId, ...valid, secretHash },
      update: { ...valid, secretHash },
    });
    return existing ? 'updated' : 'created';
  }

  /** Every client, revoked ones included, newest first. */
  async list(): Promise<RegisteredClient[]> {
    const rows = await this.prisma.oAuthClient.findMany({ orderBy: [{ createdAt: 'desc' }, { clientId: 'asc' }] });
    return rows.map(registered);
  }

  /**
   * Revokes a client: its next token request fails. Tokens it already holds are not recalled; they
   * verify by signature until their `exp`, at most ACCESS_TOKEN_TTL later (introspection reports
   * them inactive at once). False when no such client exists; revoking twice keeps the first time.
   */
  async revoke(clientId: string): Promise<boolean> {
    const { count } = await this.prisma.oAuthClient.updateMany({ where: { clientId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count > 0 || (await this.prisma.oAuthClient.count({ where: { clientId } })) > 0;
  }

  /** The active client these credentials prove, or undefined (unknown id, wrong secret, revoked). */
  async authenticate(clientId: string, secret: string): Promise<RegisteredClient | undefined> {
    const row = await this.prisma.oAuthClient.findUnique({ where: { clientId } });
    const matches = clientSecretMatches(secret, row?.secretHash ?? NO_CLIENT_HASH);
    return row && matches && !row.revokedAt ? registered(row) : undefined;
  }

  /** The client if it exists and is not revoked. */
  async active(clientId: string): Promise<RegisteredClient | undefined> {
    const row = await this.prisma.oAuthClient.findUnique({ where: { clientId } });
    return row && !row.revokedAt ? registered(row) : undefined;
  }
}

function registered({ clientId, name, scopes, audiences, createdAt, revokedAt }: OAuthClient): RegisteredClient {
  return { clientId, name, scopes, audiences, createdAt, revokedAt };
}

/** The name, as far as it fits a client id, and 48 random bits, so two clients of one name never collide. */
function clientIdFor(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  const clientId = `${slug || 'client'}-${randomBytes(6).toString('hex')}`;
  return isUuidShaped(clientId) ? `client-${clientId}` : clientId;
}
