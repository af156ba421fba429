import { type DynamicModule, Module } from '@nestjs/common';
import { configModule, loggingModule } from '@sso/bootstrap';
import { SsoGuardModule } from '@sso/guard';
import { FORUM_CONFIG, type ForumConfig } from './config.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { ThreadsModule } from './threads/threads.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ForumConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configModule(FORUM_CONFIG, config),
        loggingModule({ service: 'forum', level: config.LOG_LEVEL, format: config.LOG_FORMAT }),
        SsoGuardModule.forResourceService('forum', config),
        PrismaModule,
        ThreadsModule,
      ],
    };
  }
}
