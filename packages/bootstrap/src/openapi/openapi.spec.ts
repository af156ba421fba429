import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Application, Request, Response } from 'express';
import { startTestService, type TestService } from '../test-service.test-support.js';
import { checkOpenApi } from './openapi-conformance.js';

describe('the OpenAPI reference every service serves', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.app.close());

  it('is valid OpenAPI, describes every route served, and has a UI', async () => {
    expect(await checkOpenApi(service.app, service.url)).toEqual({
      validationErrors: [],
      undocumentedRoutes: [],
      phantomOperations: [],
      ui: { status: 200, contentType: 'text/html; charset=utf-8' },
    });
  });

  it('notices a route the document does not describe', async () => {
    const express: Application = service.app.getHttpAdapter().getInstance();
    express.get('/undocumented', (_request: Request, response: Response) => response.end());
    expect((await checkOpenApi(service.app, service.url)).undocumentedRoutes).toEqual(['GET /undocumented']);
  });

  it('asks for the bearer token where the guard does, and documents the error body and the errors a body implies', async () => {
    const document = (await (await fetch(`${service.url}/docs/json`)).json()) as {
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(document.components.schemas.ErrorBody).toMatchObject({ required: ['statusCode', 'error', 'message'] });
    const echo = document.paths['/echo']!.post!;
    expect(echo.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(echo.responses)).toEqual(expect.arrayContaining(['400', '401', '413', '415']));
    expect(echo.responses['401']!.headers).toHaveProperty('WWW-Authenticate');
    expect(document.paths['/health']!.get!.security).toEqual([]);
  });

  it('serves Swagger UI under a CSP that lets it load: no inline script, its files from the service itself', async () => {
    const page = await fetch(`${service.url}/docs`);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => src!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect((await fetch(new URL(src, `${service.url}/docs`))).status).toBe(200);
  });
});
