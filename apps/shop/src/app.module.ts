import { type DynamicModule, Module } from '@nestjs/common';
import { configModule, loggingModule } from '@sso/bootstrap';
import { SsoGuardModule } from '@sso/guard';
import { SHOP_CONFIG, type ShopConfig } from './config.js';
import { OrdersModule } from './orders/orders.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { ProductsModule } from './products/products.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ShopConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configModule(SHOP_CONFIG, config),
        loggingModule({ service: 'shop', level: config.LOG_LEVEL, format: config.LOG_FORMAT }),
        SsoGuardModule.forResourceService('shop', config),
        PrismaModule,
        ProductsModule,
        OrdersModule,
      ],
    };
  }
}
