import { Injectable } from '@nestjs/common';
import type { RequestHandler } from 'express';
import passport from 'passport';
import { PrismaService } from '../prisma/prisma.service.js';
import { type PublicUser, toPublicUser } from '../users/user.js';

/**
 * Passport's session half, as the seeds describe it: `serializeUser` turns the logged-in user into
 * what the session keeps (the id alone), `deserializeUser` turns that back into the user on every
 * request. Looking the user up each time means a changed role or a deleted account shows at once.
 * A passport instance of its own, so the token strategies of the shared guard are not touched.
 */
@Injectable()
export class SessionPassport {
  private readonly passport = new passport.Passport();

  constructor(private readonly prisma: PrismaService) {
    this.passport.serializeUser<string>((user, done) => done(null, (user as PublicUser).id));
    this.passport.deserializeUser<string>((id, done) => {
      this.findUser(id).then((user) => done(null, user), done);
    });
  }

  /** Puts the session's user on `request.user`, or nothing when the session has none. */
  readUser(): RequestHandler {
    return this.passport.session();
  }

  /** `false` tells passport the user is gone: it drops them from the session. */
  private async findUser(id: string): Promise<PublicUser | false> {
    const user = await this.prisma.user.findUnique({ where: { id } });
    return user ? toPublicUser(user) : false;
  }
}
