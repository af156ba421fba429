import { ApiProperty } from '@nestjs/swagger';

/** One of the customer's orders, as shop answered it. */
export class CustomerOrder {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'Token mug' })
  productName!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  quantity!: number;

  @ApiProperty({ type: 'integer', example: 2400 })
  totalCents!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** shop answered: the customer's newest orders, newest first. */
export class AvailableCustomerOrders {
  @ApiProperty({ type: 'boolean', enum: [true] })
  available!: true;

  @ApiProperty({ type: [CustomerOrder] })
  orders!: CustomerOrder[];
}

/** The ticket loaded without them, and this says why. */
export class UnavailableCustomerOrders {
  @ApiProperty({ type: 'boolean', enum: [false] })
  available!: false;

  @ApiProperty({ example: 'shop did not answer', description: 'Why, in a few words, for the agent' })
  reason!: string;
}

/** What an agent sees of a ticket's customer's orders. */
export type CustomerOrders = AvailableCustomerOrders | UnavailableCustomerOrders;

/** shop's answer, as the orders helpdesk shows, or undefined if it is not a list of orders. */
export function customerOrdersFrom(body: unknown): CustomerOrder[] | undefined {
  if (!Array.isArray(body) || !body.every(isShopOrder)) return undefined;
  return body.map(({ id, productId, productName, quantity, totalCents, createdAt }) => ({ id, productId, productName, quantity, totalCents, createdAt }));
}

function isShopOrder(value: unknown): value is CustomerOrder {
  if (typeof value !== 'object' || value === null) return false;
  const order = value as Record<keyof CustomerOrder, unknown>;
  return (
    typeof order.id === 'string' &&
    typeof order.productId === 'string' &&
    typeof order.productName === 'string' &&
    typeof order.quantity === 'number' &&
    typeof order.totalCents === 'number' &&
    typeof order.createdAt === 'string'
  );
}
