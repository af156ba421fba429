import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

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
