import { ConflictException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { AccessTokens } from '../tokens/access-tokens.service.js';
import { RefreshTokens } from '../tokens/refresh-tokens.service.js';
import { normalizeEmail } from '../users/email-address.js';
import { type PublicUser, toPublicUser } from '../users/user.js';
import type { LoginInput, RegisterInput } from './auth.dto.js';
import type { TokenResponse } from './token-response.js';

/** One message for an unknown email and a wrong password, so login does not reveal accounts. */
const BAD_CREDENTIALS = 'Invalid email or password';

/** A login's tokens and the user they were issued to: the body of `/auth/login`, or cookies. */
export interface IssuedLogin {
  user: PublicUser;
  tokens: TokenResponse;
}

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

  /**
   * Checks an email and password, for every way of logging in (tokens, token cookies, a session).
   * An unknown email costs the same argon2 verification as a wrong password and answers the same
   * 401, so neither the answer nor its timing tells which accounts exist (OWASP Authentication
   * Cheat Sheet, "Authentication and Error Messages").
   */
  async verifyCredentials(input: LoginInput): Promise<PublicUser> {
    const user = await this.prisma.user.findUnique({ where: { email: normalizeEmail(input.email) } });
    const valid = user
      ? await this.passwords.verify(user.passwordHash, input.password)
      : await this.passwords.verifyDecoy(input.password);
    if (!user || !valid) throw new UnauthorizedException(BAD_CREDENTIALS);
    return toPublicUser(user);
  }

  /** Starts a login (a new refresh-token family) and issues its first tokens. */
  async login(input: LoginInput): Promise<IssuedLogin> {
    const user = await this.verifyCredentials(input);
    return this.issue(user, await this.refreshTokens.start(user.id));
  }

  /** Rotates the refresh token presented from `clientIp`; throws RefreshTokenRejected for the caller to word. */
  async refresh(refreshToken: string, clientIp: string): Promise<IssuedLogin> {
    const rotated = await this.refreshTokens.rotate(refreshToken, clientIp);
    return this.issue(toPublicUser(rotated.user), rotated.refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  /**
   * Log out everywhere (a lost phone, a changed password): every refresh-token family of the user
   * is revoked and every session of theirs deleted. Access tokens already issued run out within
   * `ACCESS_TOKEN_TTL`: that is the price of checking them without asking auth.
   */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.refreshTokens.revokeAllOf(userId);
    // passport's serializeUser keeps the user id in the session (see sessions/session-passport.ts).
    await this.prisma.$executeRaw`DELETE FROM sessions WHERE sess #>> '{passport,user}' = ${userId}`;
  }

  async me(userId: string): Promise<PublicUser> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundException('User no longer exists');
    return toPublicUser(user);
  }

  private issue(user: PublicUser, refreshToken: string): IssuedLogin {
    const access = this.accessTokens.issue(user);
    const tokens: TokenResponse = { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, refresh_token: refreshToken };
    return { user, tokens };
  }
}
