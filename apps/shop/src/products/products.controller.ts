import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sso/guard';
import { ProductView } from './product.js';
import { ProductsService } from './products.service.js';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'The catalogue' })
  @ApiOkResponse({ description: 'Every product, with its price in cents', type: [ProductView] })
  list(): Promise<ProductView[]> {
    return this.products.list();
  }
}
