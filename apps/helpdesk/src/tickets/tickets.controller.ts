import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ResourceIdPipe } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser, Roles } from '@sso/guard';
import type { Ticket } from '../generated/prisma/client.js';
import { OpenTicketInput, UpdateTicketInput } from './tickets.dto.js';
import { TicketsService } from './tickets.service.js';

@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  open(@CurrentUser() user: AuthenticatedUser, @Body() input: OpenTicketInput): Promise<Ticket> {
    return this.tickets.open(user, input);
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<Ticket[]> {
    return this.tickets.list(user);
  }

  @Patch(':id')
  @Roles('agent', 'admin')
  update(@Param('id', ResourceIdPipe) id: string, @Body() input: UpdateTicketInput): Promise<Ticket> {
    return this.tickets.setStatus(id, input.status);
  }
}
