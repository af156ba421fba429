import type { Order, Product } from '../generated/prisma/client.js';

export interface OrderView {
  id: string;
  userId: string;
  productId: string;
  productName: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  createdAt: Date;
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
