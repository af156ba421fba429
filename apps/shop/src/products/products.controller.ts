import { Controller, Get } from '@nestjs/common';
import { Public } from '@sso/guard';
import type { ProductView } from './product.js';
import { ProductsService } from './products.service.js';

@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @Get()
  list(): Promise<ProductView[]> {
    return this.products.list();
  }
}
