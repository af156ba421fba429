import { describe, expect, it } from '@jest/globals';
import { checkServiceOpenApi, CONFORMING_OPENAPI } from '@sso/bootstrap/openapi-conformance';
import { AppModule } from './app.module.js';
import { forumConfigSchema } from './config.js';

// Building the document touches neither the database nor auth: nothing listens at these addresses.
const config = forumConfigSchema.parse({ DATABASE_URL: 'postgresql://forum@127.0.0.1:9/forum', AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });

describe('forum’s OpenAPI reference', () => {
  it('is valid OpenAPI 3, describes every route forum serves, and has a UI at /docs', async () => {
    expect(await checkServiceOpenApi(AppModule.forRoot(config), 'forum')).toEqual(CONFORMING_OPENAPI);
  });
});
