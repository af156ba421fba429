import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser } from '@sso/guard';
import { OrderView } from './order.js';
import { PlaceOrderInput } from './orders.dto.js';
import { OrdersService } from './orders.service.js';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @ApiOperation({ summary: 'Place an order for the caller' })
  @ApiCreatedResponse({ description: 'The order', type: OrderView })
  @ApiErrors(404)
  place(@CurrentUser() user: AuthenticatedUser, @Body() input: PlaceOrderInput): Promise<OrderView> {
    return this.orders.place(user, input);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s orders' })
  @ApiOkResponse({ description: 'The caller’s orders, newest first; every order for an admin', type: [OrderView] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<OrderView[]> {
    return this.orders.list(user);
  }
}
