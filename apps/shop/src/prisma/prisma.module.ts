import { Global, Module } from '@nestjs/common';
import { DATABASE_PING, type DatabasePing } from '@sso/bootstrap';
import { PrismaService } from './prisma.service.js';

/** The database client, and the check behind `GET /health/ready`. */
@Global()
@Module({
  providers: [PrismaService, { provide: DATABASE_PING, inject: [PrismaService], useFactory: (prisma: PrismaService): DatabasePing => () => prisma.$queryRaw`SELECT 1` }],
  exports: [PrismaService, DATABASE_PING],
})
export class PrismaModule {}
