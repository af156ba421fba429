import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class PlaceOrderInput {
  @ApiProperty({ format: 'uuid', description: 'A product of `GET /products`' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
}

/** How many of a customer's orders to answer: the newest `limit`. */
export const RECENT_ORDERS = { default: 5, max: 20 } as const;

export class RecentOrdersQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: RECENT_ORDERS.max, default: RECENT_ORDERS.default })
  @IsOptional()
  @Type(() => Number) // a query string is text: `?limit=abc` becomes NaN, which @IsInt refuses
  @IsInt()
  @Min(1)
  @Max(RECENT_ORDERS.max)
  limit: number = RECENT_ORDERS.default;
}
