import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resourceServiceSettings } from '@sso/config';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { PrismaService } from './prisma.service.js';

// The migrations are written by hand (packages/database says why): prove they build the schema the
// generated client expects, by writing and reading every model after migrating an empty database.
describe('shop schema and migrations agree', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'shop', migrations: new URL('../../prisma/migrations', import.meta.url) });
    prisma = new PrismaService(resourceServiceSettings(3001).parse({ DATABASE_URL: database.url, AUTH_URL: 'http://localhost:3000' }));
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.stop();
  });

  it('writes and reads products and orders', async () => {
    const product = await prisma.product.create({ data: { sku: 'T-1', name: 'Thing', description: 'A thing', priceCents: 999 } });
    const order = await prisma.order.create({ data: { userId: 'user-1', productId: product.id, quantity: 3, unitPriceCents: 999 } });
    const read = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { product: true } });
    expect(read).toMatchObject({ userId: 'user-1', quantity: 3, unitPriceCents: 999, product: { sku: 'T-1', priceCents: 999 } });
    expect(read.createdAt).toBeInstanceOf(Date);
  });

  it('refuses an order for a product that does not exist (foreign key)', async () => {
    await expect(
      prisma.order.create({ data: { userId: 'u', productId: '00000000-0000-4000-8000-000000000000', quantity: 1, unitPriceCents: 1 } }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });

  it('keeps SKUs unique', async () => {
    await expect(prisma.product.create({ data: { sku: 'T-1', name: 'Again', description: '', priceCents: 1 } })).rejects.toMatchObject({ code: 'P2002' });
  });
});
