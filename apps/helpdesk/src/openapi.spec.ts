import { describe, expect, it } from '@jest/globals';
import { checkServiceOpenApi, CONFORMING_OPENAPI } from '@sso/bootstrap/openapi-conformance';
import { AppModule } from './app.module.js';
import { helpdeskConfigSchema } from './config.js';

// Building the document touches neither the database nor auth: nothing listens at these addresses.
const config = helpdeskConfigSchema.parse({ DATABASE_URL: 'postgresql://helpdesk@127.0.0.1:9/helpdesk', AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });

describe('helpdesk’s OpenAPI reference', () => {
  it('is valid OpenAPI 3, describes every route helpdesk serves, and has a UI at /docs', async () => {
    expect(await checkServiceOpenApi(AppModule.forRoot(config), 'helpdesk')).toEqual(CONFORMING_OPENAPI);
  });
});
