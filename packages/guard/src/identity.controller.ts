import { Controller, Get, Inject } from '@nestjs/common';
import type { AuthenticatedUser } from './authenticated-user.js';
import { CurrentUser } from './decorators.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from './sso-guard.options.js';

/** What `GET /me` answers. */
export interface IdentityReply {
  service: string;
  user: Pick<AuthenticatedUser, 'id' | 'email' | 'name' | 'roles'>;
}

/** `GET /me` (served when `identityRoute: true`): the caller as the access token states it, with no call to auth. */
@Controller()
export class IdentityController {
  private readonly service: string;

  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    this.service = settings.realm;
  }

  @Get('me')
  me(@CurrentUser() { id, email, name, roles }: AuthenticatedUser): IdentityReply {
    return { service: this.service, user: { id, email, name, roles } };
  }
}
