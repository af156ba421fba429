import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiNeverNotFound } from '@sso/bootstrap';
import { Scopes } from '@sso/guard';
import { OrderView } from './order.js';
import { RecentOrdersQuery } from './orders.dto.js';
import { OrdersService } from './orders.service.js';

/** A customer id is a user id at auth, always a UUID: anything else is a mistake of the caller (400). */
const customerId = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('userId must be a UUID') });

/**
 * Another service's read of a customer's orders (helpdesk shows them to its agents). No role
 * admits it: the caller's token must carry the `orders:read` scope, which user tokens never do,
 * and which auth grants only to the applications registered for it.
 */
@ApiTags('orders')
@Controller('customers')
export class CustomerOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get(':userId/orders')
  @Scopes('orders:read')
  @ApiOperation({ summary: 'A customer’s recent orders (scope `orders:read`, for other services)' })
  @ApiParam({ name: 'userId', format: 'uuid', description: 'The customer’s user id at auth: the `sub` of their tokens' })
  @ApiOkResponse({ description: 'The customer’s newest orders, newest first; none for an unknown customer', type: [OrderView] })
  @ApiErrors(400)
  @ApiNeverNotFound()
  recent(@Param('userId', customerId) userId: string, @Query() query: RecentOrdersQuery): Promise<OrderView[]> {
    return this.orders.recentOf(userId, query.limit);
  }
}
