import { ApiProperty } from '@nestjs/swagger';
import type { Order, Product } from '../generated/prisma/client.js';

/** An order as shop answers it; a class so that its OpenAPI schema is read from it. */
export class OrderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The `sub` of the token that placed it' })
  userId!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'Token mug' })
  productName!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000 })
  quantity!: number;

  @ApiProperty({ type: 'integer', description: 'The product’s price when the order was placed', example: 1200 })
  unitPriceCents!: number;

  @ApiProperty({ type: 'integer', example: 2400 })
  totalCents!: number;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: Date;
}

export function toOrderView(order: Order & { product: Product }): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    productId: order.productId,
    productName: order.product.name,
    quantity: order.quantity,
    unitPriceCents: order.unitPriceCents,
    totalCents: order.unitPriceCents * order.quantity,
    createdAt: order.createdAt,
  };
}
