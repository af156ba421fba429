import { Body, Controller, Get, Post } from '@nestjs/common';
import { type AuthenticatedUser, CurrentUser } from '@sso/guard';
import type { OrderView } from './order.js';
import { PlaceOrderInput } from './orders.dto.js';
import { OrdersService } from './orders.service.js';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  place(@CurrentUser() user: AuthenticatedUser, @Body() input: PlaceOrderInput): Promise<OrderView> {
    return this.orders.place(user, input);
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<OrderView[]> {
    return this.orders.list(user);
  }
}
