import { startService } from '@sso/bootstrap';
import { AppModule } from './app.module.js';
import { authConfigSchema } from './config.js';
import { demoPageHelmetOptions } from './demo-page/demo-page-security.js';
import { OAUTH_FORM_ROUTES } from './oauth/oauth-form-routes.js';

await startService({
  name: 'auth',
  config: authConfigSchema,
  migrations: new URL('../prisma/migrations', import.meta.url),
  module: (config) => AppModule.forRoot(config),
  helmet: demoPageHelmetOptions,
  // The token and introspection endpoints are form-encoded (RFC 6749 §4.1.3, RFC 7662 §2.1); nothing else is.
  formRoutes: OAUTH_FORM_ROUTES,
});
