import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resourceServiceSettings } from '@sso/config';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { PrismaService } from './prisma.service.js';

// The migrations are written by hand (packages/database says why): prove they build the schema the
// generated client expects, by writing and reading every model after migrating an empty database.
describe('forum schema and migrations agree', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'forum', migrations: new URL('../../prisma/migrations', import.meta.url) });
    prisma = new PrismaService(resourceServiceSettings(3003).parse({ DATABASE_URL: database.url, AUTH_URL: 'http://localhost:3000' }));
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.stop();
  });

  it('writes and reads threads with their posts, and deletes posts with their thread', async () => {
    const thread = await prisma.thread.create({ data: { authorId: 'u1', authorName: 'U', title: 'T', body: 'B' } });
    await prisma.post.create({ data: { threadId: thread.id, authorId: 'u2', authorName: 'V', body: 'Reply' } });
    const read = await prisma.thread.findUniqueOrThrow({ where: { id: thread.id }, include: { posts: true } });
    expect(read.posts).toEqual([expect.objectContaining({ authorName: 'V', body: 'Reply' })]);
    await prisma.thread.delete({ where: { id: thread.id } });
    expect(await prisma.post.count()).toBe(0);
  });
});
