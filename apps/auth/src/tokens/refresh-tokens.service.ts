import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import type { User } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';

/** Why a refresh token was refused; the caller sees one answer for all of them. */
export type RefreshRejection = 'unknown' | 'revoked' | 'expired' | 'reused';

export class RefreshTokenRejected extends Error {
  constructor(readonly reason: RefreshRejection) {
    super(`Refresh token refused: ${reason}`);
  }
}

export interface RotatedRefreshToken {
  user: User;
  refreshToken: string;
}

/**
 * Opaque refresh tokens: 256 random bits, stored only as their SHA-256 (a database leak yields
 * nothing usable), rotated on every use. Presenting a spent token means it was copied: the whole
 * family of that login is revoked (RFC 9700 §4.14.2, refresh token rotation).
 */
@Injectable()
export class RefreshTokens {
  private readonly logger = new Logger('RefreshTokens');

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly prisma: PrismaService,
  ) {}

  /** Starts a new family (one login) and returns its first token. */
  async start(userId: string): Promise<string> {
    const family = await this.prisma.refreshTokenFamily.create({ data: { userId } });
    return this.mint(family);
  }

  /**
   * Spends `presented` and returns its successor, or throws {@link RefreshTokenRejected}.
   * `clientIp`, where it came from, goes only into the log line of a reuse.
   */
  async rotate(presented: string, clientIp?: string): Promise<RotatedRefreshToken> {
    const now = new Date();
    const found = await this.prisma.refreshToken.findUnique({
      where: { tokenHash: hashToken(presented) },
      include: { family: { include: { user: true } } },
    });
    if (!found) throw new RefreshTokenRejected('unknown');
    if (found.family.revokedAt) throw new RefreshTokenRejected('revoked');
    if (found.usedAt) return this.revokeForReuse(found.family, clientIp);
    if (found.expiresAt <= now) throw new RefreshTokenRejected('expired');
    // The conditional update is the claim: of two concurrent uses of one token, exactly one wins.
    const claimed = await this.prisma.refreshToken.updateMany({
      where: { id: found.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) return this.revokeForReuse(found.family, clientIp);
    return { user: found.family.user, refreshToken: await this.mint(found.family) };
  }

  /** Revokes the family `presented` belongs to; unknown or revoked tokens are ignored (RFC 7009 §2.2). */
  async revoke(presented: string): Promise<void> {
    const found = await this.prisma.refreshToken.findUnique({ where: { tokenHash: hashToken(presented) } });
    if (found) await this.revokeFamily(found.familyId);
  }

  /** Log out everywhere: every login of the user ends; their access tokens run out within their lifetime. */
  async revokeAllOf(userId: string): Promise<void> {
    await this.prisma.refreshTokenFamily.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /**
   * A security event, logged once per family (by the request that revoked it): the login was
   * probably stolen. The line names the user, the family and the client's address; never the token.
   */
  private async revokeForReuse(family: { id: string; userId: string }, clientIp: string | undefined): Promise<never> {
    if (await this.revokeFamily(family.id)) {
      this.logger.warn(
        { event: 'refresh_token_reuse', userId: family.userId, familyId: family.id, ip: clientIp },
        `Spent refresh token presented again${clientIp ? ` from ${clientIp}` : ''}: revoked login ${family.id} of user ${family.userId}`,
      );
    }
    throw new RefreshTokenRejected('reused');
  }

  /** True if this call revoked the family, false if it already was. */
  private async revokeFamily(familyId: string): Promise<boolean> {
    const revoked = await this.prisma.refreshTokenFamily.updateMany({
      where: { id: familyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return revoked.count > 0;
  }

  /**
   * A new token of the family, living `REFRESH_TOKEN_TTL` but never past the family's absolute
   * lifetime: rotation alone must not keep a login alive for ever (RFC 9700 §4.14.2; Auth0 and
   * Okta call it the absolute lifetime), so a stolen family dies even if used every day.
   */
  private async mint(family: { id: string; createdAt: Date }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const idleExpiry = Date.now() + this.config.REFRESH_TOKEN_TTL * 1000;
    const absoluteExpiry = family.createdAt.getTime() + this.config.REFRESH_TOKEN_ABSOLUTE_TTL * 1000;
    const expiresAt = new Date(Math.min(idleExpiry, absoluteExpiry));
    await this.prisma.refreshToken.create({ data: { familyId: family.id, tokenHash: hashToken(token), expiresAt } });
    return token;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
