import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { databasePoolConfig } from '@sso/database';
import { HELPDESK_CONFIG, type HelpdeskConfig } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/** helpdesk's database client, connected through the `pg` driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(HELPDESK_CONFIG) config: HelpdeskConfig) {
    super({ adapter: new PrismaPg(databasePoolConfig(config.DATABASE_URL)) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
