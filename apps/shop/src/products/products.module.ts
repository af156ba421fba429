import { Module } from '@nestjs/common';
import { DemoProducts } from './demo-products.js';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';

@Module({ controllers: [ProductsController], providers: [ProductsService, DemoProducts] })
export class ProductsModule {}
