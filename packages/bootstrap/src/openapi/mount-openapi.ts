import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-document.js';

/** Where the Swagger UI is served; the document itself is at `${OPENAPI_UI_PATH}/json`. */
export const OPENAPI_UI_PATH = '/docs';

/**
 * Serves the service's OpenAPI document at `/docs/json` and Swagger UI at `/docs`. Both are plain
 * express routes, outside Nest's router, so the guard never sees them: the reference is public.
 * Swagger UI loads only its own files (no inline script), which helmet's default CSP allows.
 */
export function mountOpenApi(app: INestApplication, service: string): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app, service), {
    jsonDocumentUrl: `${OPENAPI_UI_PATH}/json`,
    raw: ['json'],
    customSiteTitle: `${service} API`,
  });
}
