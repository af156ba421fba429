import { randomBytes } from 'node:crypto';
import type { PrismaService } from '../prisma/prisma.service.js';

/** The one row of `session_secrets`. */
const SESSION_SECRET_ID = 1;

/**
 * The secret that signs the session cookie (express-session signs with HMAC-SHA256 through
 * cookie-signature): 32 random bytes, so it is as strong as the hash, created on auth's first start
 * and kept in the database, so a restart or a second auth instance signs and checks the same way.
 * Resource services in shared-store mode read the same row.
 */
export async function loadSessionSecret(prisma: PrismaService): Promise<string> {
  // INSERT ... ON CONFLICT DO NOTHING: of two instances starting at once, one inserts and both
  // then read the row that won.
  await prisma.sessionSecret.createMany({
    data: [{ id: SESSION_SECRET_ID, secret: randomBytes(32).toString('base64url') }],
    skipDuplicates: true,
  });
  const { secret } = await prisma.sessionSecret.findUniqueOrThrow({ where: { id: SESSION_SECRET_ID } });
  return secret;
}
