import { type DynamicModule, Module } from '@nestjs/common';
import { configModule, loggingModule } from '@sso/bootstrap';
import { SsoGuardModule } from '@sso/guard';
import { HELPDESK_CONFIG, type HelpdeskConfig } from './config.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { TicketsModule } from './tickets/tickets.module.js';

@Module({})
export class AppModule {
  static forRoot(config: HelpdeskConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configModule(HELPDESK_CONFIG, config),
        loggingModule({ service: 'helpdesk', level: config.LOG_LEVEL, format: config.LOG_FORMAT }),
        SsoGuardModule.forResourceService('helpdesk', config),
        PrismaModule,
        TicketsModule,
      ],
    };
  }
}
