import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service.js';
import { type ProductView, toProductView } from './product.js';

@Injectable()
export class ProductsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<ProductView[]> {
    const products = await this.prisma.product.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    return products.map(toProductView);
  }
}
