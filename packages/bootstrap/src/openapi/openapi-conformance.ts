import type { NestExpressApplication } from '@nestjs/platform-express';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Application } from 'express';
import { createService, type EntryModule } from '../run-service.js';
import { OPENAPI_UI_PATH } from './mount-openapi.js';

/**
 * What a service's tests check of its OpenAPI reference (test code, exported as
 * `@sso/bootstrap/openapi-conformance`; its validator is a devDependency, so production never
 * loads this file): the document at `/docs/json` is valid OpenAPI, every route the service
 * serves is in it, and `/docs` answers the UI.
 */
export interface OpenApiConformance {
  /** The OpenAPI 3 schema validator's complaints; empty when the document is valid. */
  validationErrors: unknown[];
  /** `GET /orders`-style routes express serves that the document does not describe. */
  undocumentedRoutes: string[];
  /** Operations the document describes that express does not serve. */
  phantomOperations: string[];
  /** `GET /docs`: its status and content type. */
  ui: { status: number; contentType: string | null };
}

/** What a service whose reference is complete and valid gets from {@link checkOpenApi}. */
export const CONFORMING_OPENAPI: OpenApiConformance = {
  validationErrors: [],
  undocumentedRoutes: [],
  phantomOperations: [],
  ui: { status: 200, contentType: 'text/html; charset=utf-8' },
};

/**
 * Starts `module` as the service `name` on a free local port, checks its OpenAPI reference, and
 * stops it. Building the document touches neither the database nor auth.
 */
export async function checkServiceOpenApi(module: EntryModule, name: string): Promise<OpenApiConformance> {
  const app = await createService(module, { name, allowedOrigins: [] });
  await app.listen(0, '127.0.0.1');
  try {
    return await checkOpenApi(app, await app.getUrl());
  } finally {
    await app.close();
  }
}

/**
 * The OpenAPI document `module`, started as the service `name`, serves at `/docs/json`, for tests
 * to read what it says of particular routes. Like {@link checkServiceOpenApi}, it starts the
 * service on a free local port and stops it.
 */
export async function serviceOpenApiDocument(module: EntryModule, name: string): Promise<unknown> {
  const app = await createService(module, { name, allowedOrigins: [] });
  await app.listen(0, '127.0.0.1');
  try {
    return await (await fetch(`${await app.getUrl()}${OPENAPI_UI_PATH}/json`)).json();
  } finally {
    await app.close();
  }
}

/** Checks the service `app`, listening at `url`. */
export async function checkOpenApi(app: NestExpressApplication, url: string): Promise<OpenApiConformance> {
  const document = (await (await fetch(`${url}${OPENAPI_UI_PATH}/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const { valid, errors } = await new Validator().validate(document as never);
  const served = servedOperations(app);
  const documented = new Set(
    Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).filter((key) => HTTP_METHODS.has(key)).map((method) => `${method.toUpperCase()} ${path}`)),
  );
  const ui = await fetch(`${url}${OPENAPI_UI_PATH}`);
  await ui.arrayBuffer();
  return {
    validationErrors: valid ? [] : [errors].flat(),
    undocumentedRoutes: [...served].filter((operation) => !documented.has(operation)).sort(),
    phantomOperations: [...documented].filter((operation) => !served.has(operation)).sort(),
    ui: { status: ui.status, contentType: ui.headers.get('content-type') },
  };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every `METHOD /path` express routes, read from its router rather than from Nest's metadata, so
 * a route added any way at all counts; in OpenAPI's template syntax (`/threads/{id}`). The
 * reference's own routes are left out: a document does not describe itself.
 */
function servedOperations(app: NestExpressApplication): Set<string> {
  const express = app.getHttpAdapter().getInstance() as Application & { router: { stack: RouterLayer[] } };
  const operations = new Set<string>();
  for (const { route } of express.router.stack) {
    if (!route) continue;
    for (const path of [route.path].flat()) {
      if (path === OPENAPI_UI_PATH || path.startsWith(`${OPENAPI_UI_PATH}/`)) continue;
      // Nest's catch-all that answers 404 for any unknown path: not an operation.
      if (path.includes('*')) continue;
      for (const method of Object.keys(route.methods).filter((name) => route.methods[name] && name !== '_all')) {
        operations.add(`${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return operations;
}
