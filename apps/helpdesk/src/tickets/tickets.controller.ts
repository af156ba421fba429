import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceIdPipe } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser, Roles } from '@sso/guard';
import type { Ticket } from '../generated/prisma/client.js';
import { OpenTicketInput, UpdateTicketInput } from './tickets.dto.js';
import { TicketsService } from './tickets.service.js';

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a ticket as the caller' })
  @ApiCreatedResponse({ description: 'The ticket' })
  open(@CurrentUser() user: AuthenticatedUser, @Body() input: OpenTicketInput): Promise<Ticket> {
    return this.tickets.open(user, input);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s tickets; every ticket for an agent or an admin' })
  @ApiOkResponse({ description: 'The tickets' })
  list(@CurrentUser() user: AuthenticatedUser): Promise<Ticket[]> {
    return this.tickets.list(user);
  }

  @Patch(':id')
  @Roles('agent', 'admin')
  @ApiOperation({ summary: 'Set a ticket’s status (agent, admin)' })
  @ApiOkResponse({ description: 'The updated ticket' })
  update(@Param('id', ResourceIdPipe) id: string, @Body() input: UpdateTicketInput): Promise<Ticket> {
    return this.tickets.setStatus(id, input.status);
  }
}
