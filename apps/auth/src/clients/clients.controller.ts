import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@sso/bootstrap';
import { Roles } from '@sso/guard';
import { CLIENT_SCHEMA, CREATED_CLIENT_SCHEMA } from '../openapi/auth-schemas.js';
import { LimitRequests } from '../throttling/limit-requests.decorator.js';
import { InvalidClientRegistration } from './client-registration.js';
import { type ClientReply, clientReply, CreateClientInput, type CreatedClientReply, createdClientReply } from './clients.dto.js';
import { OAuthClientRegistry } from './oauth-client-registry.js';

/** Registered applications (OAuth clients), for admins; `npm run clients` does the same on the database. */
@ApiTags('clients')
@ApiErrors(429, 503)
@Controller('auth/clients')
@LimitRequests('auth')
@Roles('admin')
export class ClientsController {
  constructor(private readonly clients: OAuthClientRegistry) {}

  @Post()
  @ApiOperation({ summary: 'Register an application: its client id and secret (shown only in this answer)' })
  @ApiCreatedResponse({ description: 'The new client and its secret', schema: CREATED_CLIENT_SCHEMA })
  async create(@Body() input: CreateClientInput): Promise<CreatedClientReply> {
    try {
      return createdClientReply(await this.clients.create({ name: input.name, scopes: input.scope, audiences: input.audience }));
    } catch (error) {
      if (error instanceof InvalidClientRegistration) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Every registered application, revoked ones included, newest first (no secrets)' })
  @ApiOkResponse({ schema: { type: 'array', items: CLIENT_SCHEMA } })
  async list(): Promise<ClientReply[]> {
    return (await this.clients.list()).map(clientReply);
  }

  /** Tokens the client already holds are not recalled: they verify by signature until their `exp`. */
  @Delete(':client_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an application: its next token request fails (tokens already issued live until exp)' })
  @ApiNoContentResponse({ description: 'Revoked (the row is kept, so the id is never reused)' })
  @ApiErrors(404)
  async revoke(@Param('client_id') clientId: string): Promise<void> {
    if (!(await this.clients.revoke(clientId))) throw new NotFoundException(`No client "${clientId}"`);
  }
}
