import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@sso/guard';
import { CUSTOMER_ORDERS, type CustomerOrdersSource } from '../customer-orders/customer-orders.module.js';
import type { Ticket } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { TicketDetailView } from './ticket.js';
import type { OpenTicketInput, TicketStatus } from './tickets.dto.js';

/** Roles that work the queue: they see every ticket. */
const QUEUE_ROLES = ['agent', 'admin'] as const;

@Injectable()
export class TicketsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CUSTOMER_ORDERS) private readonly customerOrders: CustomerOrdersSource,
  ) {}

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
    return this.prisma.ticket.findMany({
      where: worksTheQueue(user) ? {} : { requesterId: user.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  /**
   * One ticket, for its requester or someone working the queue; 404 for anyone else, as for an
   * unknown id, so that ids of other people's tickets cannot be probed. The queue also sees the
   * requester's recent orders, read from shop: the ticket loads even when they cannot be.
   */
  async findOne(user: AuthenticatedUser, id: string): Promise<TicketDetailView> {
    const ticket = await this.prisma.ticket.findUnique({ where: { id } });
    const queue = worksTheQueue(user);
    if (!ticket || !(queue || ticket.requesterId === user.id)) throw new NotFoundException(`No ticket with id ${id}`);
    if (!queue) return ticket;
    return { ...ticket, customerOrders: await this.customerOrders.recentOrders(ticket.requesterId) };
  }

  async setStatus(id: string, status: TicketStatus): Promise<Ticket> {
    const { count } = await this.prisma.ticket.updateMany({ where: { id }, data: { status } });
    if (count === 0) throw new NotFoundException(`No ticket with id ${id}`);
    return this.prisma.ticket.findUniqueOrThrow({ where: { id } });
  }
}

function worksTheQueue(user: AuthenticatedUser): boolean {
  return user.roles.some((role) => (QUEUE_ROLES as readonly string[]).includes(role));
}
