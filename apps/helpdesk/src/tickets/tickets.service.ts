import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@sso/guard';
import type { Ticket } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { OpenTicketInput, TicketStatus } from './tickets.dto.js';

/** Roles that work the queue: they see every ticket. */
const QUEUE_ROLES = ['agent', 'admin'] as const;

@Injectable()
export class TicketsService {
  constructor(private readonly prisma: PrismaService) {}

  open(user: AuthenticatedUser, input: OpenTicketInput): Promise<Ticket> {
    return this.prisma.ticket.create({
      data: {
        requesterId: user.id,
        // An unverified address is only what someone typed: agents must not write to it as the requester's.
        requesterEmail: user.emailVerified ? user.email : null,
        subject: input.subject,
        body: input.body,
      },
    });
  }

  /** The caller's tickets, newest first; agents and admins see all. */
  list(user: AuthenticatedUser): Promise<Ticket[]> {
    const seesAll = user.roles.some((role) => (QUEUE_ROLES as readonly string[]).includes(role));
    return this.prisma.ticket.findMany({
      where: seesAll ? {} : { requesterId: user.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  async setStatus(id: string, status: TicketStatus): Promise<Ticket> {
    const { count } = await this.prisma.ticket.updateMany({ where: { id }, data: { status } });
    if (count === 0) throw new NotFoundException(`No ticket with id ${id}`);
    return this.prisma.ticket.findUniqueOrThrow({ where: { id } });
  }
}
