import { describe, expect, it } from '@jest/globals';
import { checkServiceOpenApi, CONFORMING_OPENAPI, serviceOpenApiDocument } from '@sso/bootstrap/openapi-conformance';
import { AppModule } from './app.module.js';
import { helpdeskConfigSchema } from './config.js';

// Building the document touches neither the database nor auth: nothing listens at these addresses.
const config = helpdeskConfigSchema.parse({ DATABASE_URL: 'postgresql://helpdesk@127.0.0.1:9/helpdesk', AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });

interface Operation {
  responses: Record<string, { description: string }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

describe('helpdesk’s OpenAPI reference', () => {
  it('is valid OpenAPI 3, describes every route helpdesk serves, and has a UI at /docs', async () => {
    expect(await checkServiceOpenApi(AppModule.forRoot(config), 'helpdesk')).toEqual(CONFORMING_OPENAPI);
  });

  it('documents the 404 of a ticket that is missing or not the caller’s, and the 403s the guard answers', async () => {
    const { paths } = (await serviceOpenApiDocument(AppModule.forRoot(config), 'helpdesk')) as Document;
    const ticket = paths['/tickets/{id}']!;
    expect(ticket.get!.responses).toHaveProperty('404');
    expect(ticket.patch!.responses).toHaveProperty('404');
    expect(ticket.get!.responses['403']!.description).toContain('Application tokens are not accepted here: this route is for users');
    expect(ticket.patch!.responses['403']!.description).toContain('a caller without one of the roles agent, admin');
    expect(paths['/tickets']!.get!.responses).not.toHaveProperty('404');
  });
});
