import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { AvailableCustomerOrders, type CustomerOrders, UnavailableCustomerOrders } from '../customer-orders/customer-orders.js';
import { TICKET_STATUSES, type TicketStatus } from './tickets.dto.js';

/** A ticket as helpdesk answers it (the stored row); a class so that its OpenAPI schema is read from it. */
export class TicketView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The `sub` of the token that opened it' })
  requesterId!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'email', description: 'Kept only when auth had verified it' })
  requesterEmail!: string | null;

  @ApiProperty({ example: 'Cannot log in' })
  subject!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ enum: TICKET_STATUSES })
  status!: TicketStatus;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt!: Date;
}

/** One ticket, opened by its requester or by someone working the queue, who also sees the customer's orders. */
@ApiExtraModels(AvailableCustomerOrders, UnavailableCustomerOrders)
export class TicketDetailView extends TicketView {
  @ApiPropertyOptional({
    description: 'For an agent or an admin only: the requester’s recent orders from shop, or why they could not be read',
    oneOf: [{ $ref: getSchemaPath(AvailableCustomerOrders) }, { $ref: getSchemaPath(UnavailableCustomerOrders) }],
  })
  customerOrders?: CustomerOrders;
}
