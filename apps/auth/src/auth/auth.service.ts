import { ConflictException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { AccessTokens } from '../tokens/access-tokens.service.js';
import { RefreshTokens } from '../tokens/refresh-tokens.service.js';
import { normalizeEmail, type PublicUser, toPublicUser } from '../users/user.js';
import type { LoginInput, RegisterInput } from './auth.dto.js';
import type { TokenResponse } from './token-response.js';

/** One message for an unknown email and a wrong password, so login does not reveal accounts. */
const BAD_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async register(input: RegisterInput): Promise<PublicUser> {
    const passwordHash = await this.passwords.hash(input.password);
    try {
      const user = await this.prisma.user.create({
        data: { email: normalizeEmail(input.email), name: input.name.trim(), passwordHash },
      });
      return toPublicUser(user);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new ConflictException('Email is already registered');
      }
      throw error;
    }
  }

  async login(input: LoginInput): Promise<TokenResponse> {
    const user = await this.prisma.user.findUnique({ where: { email: normalizeEmail(input.email) } });
    const valid = user
      ? await this.passwords.verify(user.passwordHash, input.password)
      : await this.passwords.verifyDecoy(input.password);
    if (!user || !valid) throw new UnauthorizedException(BAD_CREDENTIALS);
    return this.tokenResponse(toPublicUser(user), await this.refreshTokens.start(user.id));
  }

  /** Rotates the refresh token; throws RefreshTokenRejected for the caller to word. */
  async refresh(refreshToken: string): Promise<TokenResponse> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    return this.tokenResponse(toPublicUser(rotated.user), rotated.refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  async me(userId: string): Promise<PublicUser> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundException('User no longer exists');
    return toPublicUser(user);
  }

  private tokenResponse(user: PublicUser, refreshToken: string): TokenResponse {
    const access = this.accessTokens.issue(user);
    return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, refresh_token: refreshToken };
  }
}
