import { startService } from '@sso/bootstrap';
import { AppModule } from './app.module.js';
import { authConfigSchema } from './config.js';
import { demoPageHelmetOptions } from './demo-page/demo-page-security.js';

await startService({
  name: 'auth',
  config: authConfigSchema,
  migrations: new URL('../prisma/migrations', import.meta.url),
  module: (config) => AppModule.forRoot(config),
  helmet: demoPageHelmetOptions,
  formRoutes: ['/oauth/token'], // the token endpoint is form-encoded (RFC 6749 §4.1.3); nothing else is
});
