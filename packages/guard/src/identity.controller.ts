import { Controller, Get, Inject } from '@nestjs/common';
import type { AuthenticatedUser } from './authenticated-user.js';
import { AuthenticateWith, CurrentUser } from './decorators.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from './sso-guard.options.js';

/** What `GET /me` and `GET /session/me` answer. */
export interface IdentityReply {
  service: string;
  user: Pick<AuthenticatedUser, 'id' | 'email' | 'name' | 'roles'>;
}

function identityReply(service: string, { id, email, name, roles }: AuthenticatedUser): IdentityReply {
  return { service, user: { id, email, name, roles } };
}

/** `GET /me` (served when `identityRoute: true`): the caller as any accepted way in states it; a token needs no call to auth. */
@Controller()
export class IdentityController {
  private readonly service: string;

  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    this.service = settings.realm;
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): IdentityReply {
    return identityReply(this.service, user);
  }
}

/**
 * `GET /session/me` (served when the service takes sessions): the caller as auth's session cookie
 * alone states it, looked up in this service's session store. A token cookie the browser sends
 * along is deliberately not considered, so the answer shows what sessions do across servers.
 */
@Controller('session')
export class SessionIdentityController {
  private readonly service: string;

  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    this.service = settings.realm;
  }

  @Get('me')
  @AuthenticateWith('session-cookie')
  me(@CurrentUser() user: AuthenticatedUser): IdentityReply {
    return identityReply(this.service, user);
  }
}
