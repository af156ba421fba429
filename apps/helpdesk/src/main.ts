import { startService } from '@sso/bootstrap';
import { AppModule } from './app.module.js';
import { helpdeskConfigSchema } from './config.js';

await startService({
  name: 'helpdesk',
  config: helpdeskConfigSchema,
  migrations: new URL('../prisma/migrations', import.meta.url),
  module: (config) => AppModule.forRoot(config),
});
