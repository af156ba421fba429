import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SHOP_CONFIG, type ShopConfig } from '../config.js';
import { PrismaService } from '../prisma/prisma.service.js';

const DEMO_PRODUCTS = [
  { sku: 'MUG-001', name: 'Token mug', description: 'Holds 350 ml of coffee and one signed JWT.', priceCents: 1200 },
  { sku: 'TEE-001', name: 'at+jwt T-shirt', description: 'Cotton, with RFC 9068 printed on the back.', priceCents: 2500 },
  { sku: 'STK-001', name: 'JWKS sticker pack', description: 'Five stickers, one per rotated key.', priceCents: 400 },
  { sku: 'HDY-001', name: 'Refresh hoodie', description: 'Rotates on every wash.', priceCents: 4900 },
];

/** The shop's demo catalogue; seeded only when SEED_DEMO_DATA is set. Existing products are kept. */
@Injectable()
export class DemoProducts implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoProducts.name);

  constructor(
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const { count } = await this.prisma.product.createMany({ data: DEMO_PRODUCTS, skipDuplicates: true });
    if (count > 0) this.logger.log(`Seeded ${count} demo products`);
  }
}
