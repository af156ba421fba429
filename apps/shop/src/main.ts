import { startService } from '@sso/bootstrap';
import { AppModule } from './app.module.js';
import { shopConfigSchema } from './config.js';

await startService({
  name: 'shop',
  config: shopConfigSchema,
  migrations: new URL('../prisma/migrations', import.meta.url),
  module: (config) => AppModule.forRoot(config),
});
