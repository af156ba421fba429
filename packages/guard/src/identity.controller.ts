import { Controller, Get, Inject } from '@nestjs/common';
import type { AuthenticatedUser, Role } from './authenticated-user.js';
import { CurrentUser } from './decorators.js';
import { type ResolvedSsoGuardOptions, SSO_GUARD_OPTIONS } from './sso-guard.options.js';

export interface Identity {
  service: string;
  user: { id: string; email: string; name: string; roles: Role[] };
}

/** `GET /me`: who the access token says the caller is, built from the token alone. */
@Controller('me')
export class IdentityController {
  constructor(@Inject(SSO_GUARD_OPTIONS) private readonly options: ResolvedSsoGuardOptions) {}

  @Get()
  me(@CurrentUser() user: AuthenticatedUser): Identity {
    const { id, email, name, roles } = user;
    return { service: this.options.audience[0]!, user: { id, email, name, roles } };
  }
}
