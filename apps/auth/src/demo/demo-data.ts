import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Role } from '@sso/guard';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { PrismaService } from '../prisma/prisma.service.js';

/** The contract's demo accounts; seeded only when SEED_DEMO_DATA is set (`npm start`, tests). */
export const DEMO_PASSWORD = 'sso-demo-password';
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: 'alice@example.com', name: 'Alice', role: 'customer' },
  { email: 'bob@example.com', name: 'Bob', role: 'agent' },
  { email: 'carol@example.com', name: 'Carol', role: 'admin' },
  { email: 'dave@example.com', name: 'Dave', role: 'moderator' },
];

@Injectable()
export class DemoData implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoData.name);

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.SEED_DEMO_DATA) await this.seed();
  }

  /** Creates the accounts that are missing; an existing account is left as it is. */
  async seed(): Promise<void> {
    const existing = await this.prisma.user.findMany({
      where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } },
      select: { email: true },
    });
    const missing = DEMO_ACCOUNTS.filter((account) => !existing.some((user) => user.email === account.email));
    for (const account of missing) {
      const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
      await this.prisma.user.createMany({
        data: [{ email: account.email, name: account.name, roles: [account.role], passwordHash }],
        skipDuplicates: true,
      });
    }
    if (missing.length > 0) this.logger.log(`Seeded ${missing.length} demo accounts`);
  }
}
