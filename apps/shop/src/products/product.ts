import { ApiProperty } from '@nestjs/swagger';
import type { Product as ProductRow } from '../generated/prisma/client.js';

/** A product of the catalogue; a class so that its OpenAPI schema is read from it. */
export class ProductView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'MUG-001' })
  sku!: string;

  @ApiProperty({ example: 'Token mug' })
  name!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: 'integer', example: 1200 })
  priceCents!: number;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: Date;
}

export function toProductView(product: ProductRow): ProductView {
  const { id, sku, name, description, priceCents, createdAt } = product;
  return { id, sku, name, description, priceCents, createdAt };
}
