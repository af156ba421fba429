import { defineConfig } from 'prisma/config';

// The app itself applies migrations at boot (packages/database); this file serves the Prisma CLI,
// e.g. `npx prisma migrate status` on a machine that can download Prisma's schema engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5433/shop' },
});
