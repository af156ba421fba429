import { describe, expect, it } from '@jest/globals';
import { checkServiceOpenApi, CONFORMING_OPENAPI, serviceOpenApiDocument } from '@sso/bootstrap/openapi-conformance';
import { AppModule } from './app.module.js';
import { forumConfigSchema } from './config.js';

// Building the document touches neither the database nor auth: nothing listens at these addresses.
const settings = { DATABASE_URL: 'postgresql://forum@127.0.0.1:9/forum', AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' };
const config = forumConfigSchema.parse(settings);

interface Operation {
  security?: Array<Record<string, unknown>>;
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

/** forum's document as `/docs/json` serves it, forum configured with `extra` on top of the settings above. */
async function documentOf(extra: Record<string, string> = {}): Promise<Document> {
  return (await serviceOpenApiDocument(AppModule.forRoot(forumConfigSchema.parse({ ...settings, ...extra })), 'forum')) as Document;
}

describe('forum’s OpenAPI reference', () => {
  it('is valid OpenAPI 3, describes every route forum serves, and has a UI at /docs', async () => {
    expect(await checkServiceOpenApi(AppModule.forRoot(config), 'forum')).toEqual(CONFORMING_OPENAPI);
  });

  it('gives every success that has a body its JSON schema', async () => {
    const { paths } = await documentOf();
    const successes = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.entries(operation.responses)
          .filter(([status]) => /^2\d\d$/.test(status) && status !== '204')
          .map(([status, response]) => ({ route: `${method.toUpperCase()} ${path} ${status}`, schema: Object.values(response.content ?? {}).some((media) => media.schema !== undefined) })),
      ),
    );
    expect(successes.map(({ route }) => route)).toEqual(
      expect.arrayContaining(['GET /threads 200', 'GET /threads/{id} 200', 'POST /threads 201', 'POST /threads/{id}/posts 201', 'GET /me 200']),
    );
    expect(successes.filter(({ schema }) => !schema)).toEqual([]);
  });

  it('offers the token in the header or auth’s cookie, and auth’s session cookie only when it shares auth’s session store', async () => {
    const perServer = await documentOf();
    expect(perServer.paths['/threads']!.post!.security).toEqual([{ bearer: [] }, { 'token-cookie': [] }]);
    expect(perServer.paths['/me']!.get!.security).toEqual([{ bearer: [] }, { 'token-cookie': [] }]);
    // A cookie rides along with another site's requests: the guard's CSRF refusal is documented where state changes.
    expect(perServer.paths['/threads']!.post!.responses).toHaveProperty('403');
    expect(perServer.paths['/me']!.get!.responses).not.toHaveProperty('403');
    expect(perServer.paths['/threads']!.get!.security).toEqual([]);

    const sharedStore = await documentOf({ SESSION_MODE: 'shared-store', AUTH_DATABASE_URL: 'postgresql://session_reader@127.0.0.1:9/auth' });
    expect(sharedStore.paths['/threads']!.post!.security).toEqual([{ bearer: [] }, { 'token-cookie': [] }, { 'session-cookie': [] }]);
    expect(sharedStore.paths['/threads']!.post!.responses).toHaveProperty('503');
  });

  it('documents a 404 where a thread may be missing, and the 403 an application’s token gets on routes for users but not on /me', async () => {
    const { paths } = await documentOf();
    for (const operation of [paths['/threads/{id}']!.get!, paths['/threads/{id}/posts']!.post!, paths['/threads/{id}']!.delete!]) {
      expect(operation.responses).toHaveProperty('404');
    }
    expect(paths['/threads']!.post!.responses).not.toHaveProperty('404');
    // Declared by the route (not the author, a moderator or an admin), then extended with the guard's causes.
    const remove = paths['/threads/{id}']!.delete!.responses['403']!.description;
    expect(remove).toMatch(/^The caller is authenticated but may not do this/);
    expect(remove).toContain('Application tokens are not accepted here: this route is for users');
    expect(paths['/me']!.get!.responses).not.toHaveProperty('403');
    // Public: no caller, so no refusal of one.
    expect(paths['/threads/{id}']!.get!.responses).not.toHaveProperty('403');
  });
});
