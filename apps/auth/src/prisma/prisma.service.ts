import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { databasePoolConfig } from '@sso/database';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/** auth's database client, connected through the `pg` driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    super({ adapter: new PrismaPg(databasePoolConfig(config.DATABASE_URL)) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
