import { describe, expect, it } from '@jest/globals';
import { checkServiceOpenApi, CONFORMING_OPENAPI } from '@sso/bootstrap/openapi-conformance';
import { AppModule } from './app.module.js';
import { shopConfigSchema } from './config.js';

// Building the document touches neither the database nor auth: nothing listens at these addresses.
const config = shopConfigSchema.parse({ DATABASE_URL: 'postgresql://shop@127.0.0.1:9/shop', AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });

describe('shop’s OpenAPI reference', () => {
  it('is valid OpenAPI 3, describes every route shop serves, and has a UI at /docs', async () => {
    expect(await checkServiceOpenApi(AppModule.forRoot(config), 'shop')).toEqual(CONFORMING_OPENAPI);
  });
});
