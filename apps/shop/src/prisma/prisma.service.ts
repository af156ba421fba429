import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { databasePoolConfig } from '@sso/database';
import { SHOP_CONFIG, type ShopConfig } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/** shop's database client, connected through the `pg` driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(SHOP_CONFIG) config: ShopConfig) {
    super({ adapter: new PrismaPg(databasePoolConfig(config.DATABASE_URL)) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
