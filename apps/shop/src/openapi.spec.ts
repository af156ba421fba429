import { describe, expect, it } from '@jest/globals';
import { checkServiceOpenApi, CONFORMING_OPENAPI, serviceOpenApiDocument } from '@sso/bootstrap/openapi-conformance';
import { AppModule } from './app.module.js';
import { shopConfigSchema } from './config.js';

// Building the document touches neither the database nor auth: nothing listens at these addresses.
const settings = { DATABASE_URL: 'postgresql://shop@127.0.0.1:9/shop', AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' };
const config = shopConfigSchema.parse(settings);

interface Operation {
  description?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { description: string; headers?: Record<string, { description: string }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

/** shop's document as `/docs/json` serves it, shop configured with `extra` on top of the settings above. */
async function documentOf(extra: Record<string, string> = {}): Promise<Document> {
  return (await serviceOpenApiDocument(AppModule.forRoot(shopConfigSchema.parse({ ...settings, ...extra })), 'shop')) as Document;
}

describe('shop’s OpenAPI reference', () => {
  it('is valid OpenAPI 3, describes every route shop serves, and has a UI at /docs', async () => {
    expect(await checkServiceOpenApi(AppModule.forRoot(config), 'shop')).toEqual(CONFORMING_OPENAPI);
  });

  it('documents the customers’ orders for applications: the Bearer header, the orders:read scope, its 403, and no 404', async () => {
    const orders = (await documentOf()).paths['/customers/{userId}/orders']!.get!;
    expect(orders.security).toEqual([{ bearer: [] }]);
    expect(orders.description).toContain('must carry the scope `orders:read`');
    expect(orders.responses['403']!.description).toContain('“Access token lacks a required scope: orders:read”');
    expect(orders.responses['403']!.headers!['WWW-Authenticate']!.description).toContain('error="insufficient_scope"');
    // An unknown customer has no orders: `[]`, never 404.
    expect(orders.responses).not.toHaveProperty('404');
    expect(Object.keys(orders.responses).sort()).toEqual(['200', '400', '401', '403']);
  });

  it('documents the 403 an application’s token gets on routes for users', async () => {
    const { paths } = await documentOf();
    for (const operation of [paths['/orders']!.get!, paths['/orders']!.post!]) {
      expect(operation.responses['403']!.description).toContain('Application tokens are not accepted here: this route is for users');
    }
    expect(paths['/me']!.get!.responses).not.toHaveProperty('403');
  });

  it('documents a 503 on protected routes when Bearer tokens are introspected at auth (TOKEN_VALIDATION=introspection)', async () => {
    expect((await documentOf()).paths['/orders']!.get!.responses).not.toHaveProperty('503');
    const introspecting = await documentOf({
      TOKEN_VALIDATION: 'introspection',
      INTROSPECTION_CLIENT_ID: 'shop-introspection',
      INTROSPECTION_CLIENT_SECRET: 'an-introspection-secret-of-32-characters',
    });
    for (const operation of [introspecting.paths['/orders']!.get!, introspecting.paths['/customers/{userId}/orders']!.get!, introspecting.paths['/me']!.get!]) {
      expect(operation.responses['503']!.description).toContain('auth’s introspection endpoint');
    }
    expect(introspecting.paths['/products']!.get!.responses).not.toHaveProperty('503');
  });
});
