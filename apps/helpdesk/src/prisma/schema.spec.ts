import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resourceServiceSettings } from '@sso/config';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { PrismaService } from './prisma.service.js';

// The migrations are written by hand (packages/database says why): prove they build the schema the
// generated client expects, by writing and reading every model after migrating an empty database.
describe('helpdesk schema and migrations agree', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'helpdesk', migrations: new URL('../../prisma/migrations', import.meta.url) });
    prisma = new PrismaService(resourceServiceSettings(3002).parse({ DATABASE_URL: database.url, AUTH_URL: 'http://localhost:3000' }));
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.stop();
  });

  it('writes and reads tickets, opening them by default and tracking updates', async () => {
    const ticket = await prisma.ticket.create({ data: { requesterId: 'u1', requesterEmail: 'u1@example.test', subject: 'S', body: 'B' } });
    expect(ticket.status).toBe('open');
    const updated = await prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'closed' } });
    expect(updated.status).toBe('closed');
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(ticket.updatedAt.getTime());
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ requesterEmail: 'u1@example.test', status: 'closed' });
    const anonymous = await prisma.ticket.create({ data: { requesterId: 'u2', requesterEmail: null, subject: 'S', body: 'B' } });
    expect(anonymous.requesterEmail).toBeNull();
  });
});
