import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@sso/guard';
import { PrismaService } from '../prisma/prisma.service.js';
import { type OrderView, toOrderView } from './order.js';
import type { PlaceOrderInput } from './orders.dto.js';

@Injectable()
export class OrdersService {
  constructor(private readonly prisma: PrismaService) {}

  /** Places an order owned by the caller, at the product's current price. */
  async place(user: AuthenticatedUser, input: PlaceOrderInput): Promise<OrderView> {
    const product = await this.prisma.product.findUnique({ where: { id: input.productId } });
    if (!product) throw new NotFoundException(`No product with id ${input.productId}`);
    const order = await this.prisma.order.create({
      data: { userId: user.id, productId: product.id, quantity: input.quantity, unitPriceCents: product.priceCents },
      include: { product: true },
    });
    return toOrderView(order);
  }

  /** The caller's orders, newest first; an admin sees everyone's. */
  async list(user: AuthenticatedUser): Promise<OrderView[]> {
    const orders = await this.prisma.order.findMany({
      where: user.roles.includes('admin') ? {} : { userId: user.id },
      include: { product: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return orders.map(toOrderView);
  }

  /** `userId`'s newest `limit` orders, newest first. */
  async recentOf(userId: string, limit: number): Promise<OrderView[]> {
    const orders = await this.prisma.order.findMany({
      // Orders hold the token's `sub` as auth wrote it, in lower case.
      where: { userId: userId.toLowerCase() },
      include: { product: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return orders.map(toOrderView);
  }
}
