import { Module } from '@nestjs/common';
import { AUTH_CONFIG } from '../config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { PostgresSessionStore } from './postgres-session-store.js';
import { createSessionHandlers, SESSION_HANDLERS } from './session-handlers.js';
import { SessionPassport } from './session-passport.js';

/**
 * What the session routes need before their handlers run: the store, passport, and the session
 * secret, read (or created) at boot. `AppModule` mounts `SessionMiddleware` on
 * `/auth/session/*` only: no other route reads or writes a session.
 */
@Module({
  providers: [
    PostgresSessionStore,
    SessionPassport,
    {
      provide: SESSION_HANDLERS,
      inject: [AUTH_CONFIG, PrismaService, PostgresSessionStore, SessionPassport],
      useFactory: createSessionHandlers,
    },
  ],
  exports: [SESSION_HANDLERS],
})
export class SessionsModule {}
