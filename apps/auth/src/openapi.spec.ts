import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkOpenApi, CONFORMING_OPENAPI } from '@sso/bootstrap/openapi-conformance';
import { PASSWORD_MAX, PASSWORD_MIN } from './auth/auth.dto.js';
import { startAuthApp, type TestAuthApp } from './auth-app.test-support.js';

interface Operation {
  security?: Array<Record<string, unknown>>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[]; properties: Record<string, Record<string, unknown>> }> };
}

describe('auth’s OpenAPI reference', () => {
  let auth: TestAuthApp;
  let document: Document;

  beforeAll(async () => {
    auth = await startAuthApp();
    document = (await (await fetch(`${auth.url}/docs/json`)).json()) as Document;
  });
  afterAll(() => auth?.close());

  it('is valid OpenAPI 3, describes every route auth serves, and has a UI at /docs', async () => {
    expect(await checkOpenApi(auth.app, auth.url)).toEqual(CONFORMING_OPENAPI);
  });

  it('documents what register needs: a name and a 15 to 128 character password', () => {
    const register = document.components.schemas.RegisterInput!;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password', 'name']));
    expect(register.properties.password).toMatchObject({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
    expect(document.paths['/auth/register']!.post!.responses).toHaveProperty('409');
  });

  it('asks for the access token, in the header or auth’s cookie, only where the guard does', () => {
    expect(document.paths['/auth/login']!.post!.security).toEqual([]);
    expect(document.paths['/auth/logout-all']!.post!.security).toEqual([{ bearer: [] }, { 'token-cookie': [] }]);
    expect(document.paths['/auth/me']!.get!.responses['401']!.headers).toHaveProperty('WWW-Authenticate');
    expect(document.paths['/auth/keys/rotate']!.post!.responses).toHaveProperty('403');
  });

  it('documents the rate limits with Retry-After', () => {
    expect(document.paths['/auth/login']!.post!.responses['429']!.headers).toHaveProperty('Retry-After');
  });

  it('documents the token endpoint as a form (RFC 6749 §6)', () => {
    expect(Object.keys(document.paths['/oauth/token']!.post!.requestBody!.content)).toContain('application/x-www-form-urlencoded');
  });

  it('documents the application endpoints: introspection as a form with its client challenge, the admin-only client routes', () => {
    const introspect = document.paths['/oauth/introspect']!.post!;
    expect(Object.keys(introspect.requestBody!.content)).toContain('application/x-www-form-urlencoded');
    expect(introspect.responses['401']!.headers).toHaveProperty('WWW-Authenticate');
    expect(document.paths['/oauth/token']!.post!.responses['401']!.headers).toHaveProperty('WWW-Authenticate');
    expect(document.paths['/auth/clients']!.post!.responses).toHaveProperty('400');
    for (const operation of [document.paths['/auth/clients']!.post!, document.paths['/auth/clients']!.get!, document.paths['/auth/clients/{client_id}']!.delete!]) {
      expect(operation.security).toContainEqual({ bearer: [] });
      expect(operation.responses).toHaveProperty('403');
    }
    expect(document.paths['/auth/clients/{client_id}']!.delete!.responses).toHaveProperty('404');
  });

  it('says why the guard answers 403 on the admin routes, and keeps the 404 of routes whose path names something', () => {
    const refusal = document.paths['/auth/clients']!.get!.responses['403']!.description;
    expect(refusal).toContain('a caller without one of the roles admin');
    expect(refusal).toContain('Application tokens are not accepted here: this route is for users');
    expect(document.paths['/demo/{file}']!.get!.responses).toHaveProperty('404');
    expect(document.paths['/auth/clients/{client_id}']!.delete!.responses).toHaveProperty('404');
  });
});
