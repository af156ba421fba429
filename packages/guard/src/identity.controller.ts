import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { ROLES } from './authenticated-user.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { AllowApplications, AuthenticateWith, CurrentPrincipal, CurrentUser } from './decorators.js';
import type { AuthenticatedClient, Principal } from './principal.js';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from './sso-guard.options.js';

/** What `GET /me` and `GET /session/me` answer for a person. */
export interface UserIdentityReply {
  service: string;
  user: Pick<AuthenticatedUser, 'id' | 'email' | 'name' | 'roles'>;
}

/** What `GET /me` answers for an application (a client credentials token). */
export interface ClientIdentityReply {
  service: string;
  client: Pick<AuthenticatedClient, 'id' | 'scope'>;
}

/** What `GET /me` answers: a person's identity or an application's. */
export type IdentityReply = UserIdentityReply | ClientIdentityReply;

const SERVICE_PROPERTY: SchemaObject = { type: 'string', description: 'The service that answered', example: 'shop' };

/** {@link UserIdentityReply} as OpenAPI describes it. */
const USER_IDENTITY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['service', 'user'],
  properties: {
    service: SERVICE_PROPERTY,
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

/** {@link ClientIdentityReply} as OpenAPI describes it. */
const CLIENT_IDENTITY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['service', 'client'],
  properties: {
    service: SERVICE_PROPERTY,
    client: {
      type: 'object',
      required: ['id', 'scope'],
      properties: {
        id: { type: 'string', description: 'The application’s `client_id` (the token’s `sub`)', example: 'reporting' },
        scope: { type: 'array', items: { type: 'string' }, description: 'The scopes auth granted the token', example: ['orders:read'] },
      },
    },
  },
};

function identityReply(service: string, principal: Principal): IdentityReply {
  if (principal.kind === 'client') return { service, client: { id: principal.id, scope: principal.scope } };
  return userIdentityReply(service, principal);
}

function userIdentityReply(service: string, { id, email, name, roles }: AuthenticatedUser): UserIdentityReply {
  return { service, user: { id, email, name, roles } };
}

/**
 * `GET /me` (served when `identityRoute: true`): the caller as any accepted way in states it; a token
 * needs no call to auth. Applications are admitted too, so that one can check what its token holds.
 */
@ApiTags('identity')
@Controller()
export class IdentityController {
  private readonly service: string;

  constructor(@Inject(SSO_GUARD_SETTINGS) settings: SsoGuardSettings) {
    this.service = settings.realm;
  }

  @Get('me')
  @AllowApplications()
  @ApiOperation({
    summary: 'Who the caller is, as their credential states it',
    description:
      'A person (a user token, or a session where the service takes them) gets `{service, user}`. An application calling with its own token (client credentials grant) gets `{service, client: {id, scope}}`.',
  })
  @ApiOkResponse({ schema: { oneOf: [USER_IDENTITY_SCHEMA, CLIENT_IDENTITY_SCHEMA] } })
  me(@CurrentPrincipal() principal: Principal): IdentityReply {
    return identityReply(this.service, principal);
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
  @ApiOkResponse({ schema: USER_IDENTITY_SCHEMA })
  me(@CurrentUser() user: AuthenticatedUser): UserIdentityReply {
    return userIdentityReply(this.service, user);
  }
}
