import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceIdPipe } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser, Roles } from '@sso/guard';
import type { Ticket } from '../generated/prisma/client.js';
import { TicketDetailView, TicketView } from './ticket.js';
import { OpenTicketInput, UpdateTicketInput } from './tickets.dto.js';
import { TicketsService } from './tickets.service.js';

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a ticket as the caller' })
  @ApiCreatedResponse({ description: 'The ticket', type: TicketView })
  open(@CurrentUser() user: AuthenticatedUser, @Body() input: OpenTicketInput): Promise<Ticket> {
    return this.tickets.open(user, input);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s tickets; every ticket for an agent or an admin' })
  @ApiOkResponse({ description: 'The tickets, newest first', type: [TicketView] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<Ticket[]> {
    return this.tickets.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One ticket, for its requester, an agent or an admin; the queue also sees the customer’s recent orders' })
  @ApiOkResponse({ description: 'The ticket; `customerOrders` for an agent or an admin only', type: TicketDetailView })
  findOne(@CurrentUser() user: AuthenticatedUser, @Param('id', ResourceIdPipe) id: string): Promise<TicketDetailView> {
    return this.tickets.findOne(user, id);
  }

  @Patch(':id')
  @Roles('agent', 'admin')
  @ApiOperation({ summary: 'Set a ticket’s status (agent, admin)' })
  @ApiOkResponse({ description: 'The updated ticket', type: TicketView })
  update(@Param('id', ResourceIdPipe) id: string, @Body() input: UpdateTicketInput): Promise<Ticket> {
    return this.tickets.setStatus(id, input.status);
  }
}
