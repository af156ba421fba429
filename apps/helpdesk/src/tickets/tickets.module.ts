import { Module } from '@nestjs/common';
import { CustomerOrdersModule } from '../customer-orders/customer-orders.module.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsService } from './tickets.service.js';

@Module({ imports: [CustomerOrdersModule], controllers: [TicketsController], providers: [TicketsService] })
export class TicketsModule {}
