import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, type DynamicModule, Get, Module, Param, Patch, Post } from '@nestjs/common';
import { AllowApplications, AuthenticateWith, Roles, Scopes, SsoGuardModule, type SsoGuardOptions } from '@sso/guard';
import { IsString } from 'class-validator';
import type { Application, Request, Response } from 'express';
import { loggingModule } from '../logging.js';
import { startTestService, type TestService } from '../test-service.test-support.js';
import { ApiErrors, ApiNeverNotFound } from './error-responses.js';
import { checkOpenApi, checkServiceOpenApi, CONFORMING_OPENAPI, type OpenApiConformance, serviceOpenApiDocument } from './openapi-conformance.js';

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

class NoteInput {
  @IsString()
  text!: string;
}

/** Routes of every kind the guard tells apart, as a resource service declares them. */
@Controller()
class RoutesController {
  @Get('customers/:userId/orders')
  @Scopes('orders:read')
  @ApiNeverNotFound()
  customerOrders(@Param('userId') userId: string): string[] {
    return [userId];
  }

  @Get('reports/:id')
  @Scopes('orders:read', 'reports:read')
  report(@Param('id') id: string): string {
    return id;
  }

  @Get('notes/:id')
  note(@Param('id') id: string): string {
    return id;
  }

  @Patch('notes/:id')
  @Roles('agent')
  @ApiErrors(403)
  editNote(@Param('id') id: string, @Body() input: NoteInput): string {
    return `${id}: ${input.text}`;
  }

  @Post('notes')
  addNote(@Body() input: NoteInput): NoteInput {
    return input;
  }

  @Get('session-only')
  @AuthenticateWith('session-cookie')
  sessionOnly(): string {
    return 'a person';
  }

  @Get('whoami')
  @AllowApplications()
  whoami(): string {
    return 'someone';
  }
}

/** Nothing listens at this address: building the document asks neither for keys nor for introspection. */
const AUTH = 'http://127.0.0.1:9';
const noKeys = { getKey: async () => undefined };

function routesModule(guard: Partial<SsoGuardOptions> = {}): DynamicModule {
  @Module({})
  class RoutesModule {}
  return {
    module: RoutesModule,
    imports: [loggingModule({ service: 'test', level: 'silent', format: 'json' }), SsoGuardModule.forRoot({ audience: 'test', issuer: AUTH, keySource: noKeys, ...guard })],
    controllers: [RoutesController],
  };
}

interface Operation {
  description?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { description: string; headers?: Record<string, { description: string }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

/** The document of a service made of {@link RoutesController}, its guard configured with `guard`, and whether it conforms. */
async function documentOf(guard: Partial<SsoGuardOptions> = {}): Promise<{ paths: Paths; conformance: OpenApiConformance }> {
  const { paths } = (await serviceOpenApiDocument(routesModule(guard), 'test')) as { paths: Paths };
  return { paths, conformance: await checkServiceOpenApi(routesModule(guard), 'test') };
}

describe('what the OpenAPI reference says of applications, scopes and the guard’s refusals', () => {
  let paths: Paths;

  beforeAll(async () => {
    const local = await documentOf();
    expect(local.conformance).toEqual(CONFORMING_OPENAPI);
    paths = local.paths;
  });

  it('asks only for the Bearer header on a route with @Scopes, and names the scopes in its description (OpenAPI 3.0 allows none in an http scheme’s requirement)', () => {
    const orders = paths['/customers/{userId}/orders']!.get!;
    expect(orders.security).toEqual([{ bearer: [] }]);
    expect(orders.description).toMatch(/must carry the scope `orders:read`/);
    expect(paths['/reports/{id}']!.get!.description).toMatch(/must carry the scopes `orders:read` and `reports:read`/);
    expect(paths['/notes/{id}']!.get!.security).toEqual([{ bearer: [] }, { 'token-cookie': [] }]);
  });

  it('documents the 403 of a missing scope with its insufficient_scope challenge (RFC 6750 §3.1)', () => {
    const refusal = paths['/customers/{userId}/orders']!.get!.responses['403']!;
    expect(refusal.description).toContain('“Access token lacks a required scope: orders:read”');
    expect(refusal.headers!['WWW-Authenticate']!.description).toContain('error="insufficient_scope", error_description="…", scope="orders:read"');
    expect(refusal.description).not.toContain('Application tokens are not accepted here');
  });

  it('documents the 403 an application’s token gets on a route for users, and none where applications are admitted', () => {
    expect(paths['/notes/{id}']!.get!.responses['403']!.description).toBe(
      'The caller is authenticated but may not call this route. The guard refuses:\n\n' +
        '- an application’s token (client credentials grant): “Application tokens are not accepted here: this route is for users”',
    );
    expect(paths['/whoami']!.get!.responses).not.toHaveProperty('403');
    // An application's token comes in the Authorization header only: a route that takes only the session cookie never sees one.
    expect(paths['/session-only']!.get!.security).toEqual([{ 'session-cookie': [] }]);
    expect(paths['/session-only']!.get!.responses).not.toHaveProperty('403');
  });

  it('lists every cause of a 403 once, under the description the route declared', () => {
    const description = paths['/notes/{id}']!.patch!.responses['403']!.description;
    expect(description.startsWith('The caller is authenticated but may not do this (a role is missing, or the request comes from a foreign origin)\n\nThe guard refuses:\n\n')).toBe(true);
    expect(description.split('\n').filter((line) => line.startsWith('- '))).toEqual([
      '- a request with a cookie from a foreign origin that would change state (CSRF)',
      '- an application’s token (client credentials grant): “Application tokens are not accepted here: this route is for users”',
      '- a caller without one of the roles agent',
    ]);
    expect(paths['/notes']!.post!.responses['403']!.description).toContain('(CSRF)');
  });

  it('documents a 404 on a route whose path names a resource, and none where it only selects (@ApiNeverNotFound)', () => {
    expect(paths['/notes/{id}']!.get!.responses).toHaveProperty('404');
    expect(paths['/notes/{id}']!.patch!.responses).toHaveProperty('404');
    expect(paths['/reports/{id}']!.get!.responses).toHaveProperty('404');
    expect(paths['/customers/{userId}/orders']!.get!.responses).not.toHaveProperty('404');
    expect(paths['/notes']!.post!.responses).not.toHaveProperty('404');
  });

  it('documents no 503 while Bearer tokens are verified here, and one on every route that takes them when auth is asked instead (TOKEN_VALIDATION=introspection)', async () => {
    expect(paths['/notes/{id}']!.get!.responses).not.toHaveProperty('503');
    const introspecting = await documentOf({ introspection: { endpoint: `${AUTH}/oauth/introspect`, clientId: 'test', clientSecret: 'introspection-secret' } });
    expect(introspecting.conformance).toEqual(CONFORMING_OPENAPI);
    for (const operation of [introspecting.paths['/notes/{id}']!.get!, introspecting.paths['/customers/{userId}/orders']!.get!, introspecting.paths['/whoami']!.get!]) {
      expect(operation.responses['503']!.description).toContain('auth’s introspection endpoint');
    }
    expect(introspecting.paths['/health']!.get!.responses).not.toHaveProperty('503');
  });
});
