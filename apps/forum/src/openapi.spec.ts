import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createService } from '@sso/bootstrap';
import { checkOpenApi } from '@sso/bootstrap/openapi-conformance';
import { AppModule } from './app.module.js';
import { forumConfigSchema } from './config.js';

// Building the document touches neither the database nor auth: nothing listens at these addresses.
const config = forumConfigSchema.parse({ DATABASE_URL: 'postgresql://forum@127.0.0.1:9/forum', AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });

describe('forum’s OpenAPI reference', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    app = await createService(AppModule.forRoot(config), { name: 'forum', allowedOrigins: config.ALLOWED_ORIGINS });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('is valid OpenAPI 3, describes every route forum serves, and has a UI at /docs', async () => {
    expect(await checkOpenApi(app, url)).toEqual({
      validationErrors: [],
      undocumentedRoutes: [],
      phantomOperations: [],
      ui: { status: 200, contentType: 'text/html; charset=utf-8' },
    });
  });
});
