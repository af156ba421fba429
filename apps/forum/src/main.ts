import { startService } from '@sso/bootstrap';
import { AppModule } from './app.module.js';
import { forumConfigSchema } from './config.js';

await startService({
  name: 'forum',
  config: forumConfigSchema,
  migrations: new URL('../prisma/migrations', import.meta.url),
  module: (config) => AppModule.forRoot(config),
});
