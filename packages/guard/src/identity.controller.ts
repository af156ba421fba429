import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { ROLES } from './authenticated-user.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { AuthenticateWith, CurrentUser } from './decorators.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from './sso-guard.options.js';

/** What `GET /me` and `GET /session/me` answer. */
export interface IdentityReply {
  service: string;
  user: Pick<AuthenticatedUser, 'id' | 'email' | 'name' | 'roles'>;
}

/** {@link IdentityReply} as OpenAPI describes it. */
const IDENTITY_REPLY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['service', 'user'],
  properties: {
    service: { type: 'string', description: 'The service that answered', example: 'shop' },
    user: {
      type: 'object',
      required: ['id', 'email', 'name', 'roles'],
      properties: {
        id: { type: 'string', format: 'uuid', description: 'The token’s `sub`' },
        email: { type: 'string', format: 'email' },
        name: { type: 'string' },
        roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
      },
    },
  },
};

function identityReply(service: string, { id, email, name, roles }: AuthenticatedUser): IdentityReply {
  return { service, user: { id, email, name, roles } };
}

/** `GET /me` (served when `identityRoute: true`): the caller as any accepted way in states it; a token needs no call to auth. */
@ApiTags('identity')
@Controller()
export class IdentityController {
  private readonly service: string;

  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    this.service = settings.realm;
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the caller is, as their credential states it' })
  @ApiOkResponse({ schema: IDENTITY_REPLY_SCHEMA })
  me(@CurrentUser() user: AuthenticatedUser): IdentityReply {
    return identityReply(this.service, user);
  }
}

/**
 * `GET /session/me` (served when the service takes sessions): the caller as auth's session cookie
 * alone states it, looked up in this service's session store. A token cookie the browser sends
 * along is deliberately not considered, so the answer shows what sessions do across servers.
 */
@ApiTags('identity')
@Controller('session')
export class SessionIdentityController {
  private readonly service: string;

  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    this.service = settings.realm;
  }

  @Get('me')
  @AuthenticateWith('session-cookie')
  @ApiOperation({ summary: 'Who the caller is, as auth’s session cookie alone states it (refused where the session store is not shared)' })
  @ApiOkResponse({ schema: IDENTITY_REPLY_SCHEMA })
  me(@CurrentUser() user: AuthenticatedUser): IdentityReply {
    return identityReply(this.service, user);
  }
}
