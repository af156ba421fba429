import type { Product as ProductRow } from '../generated/prisma/client.js';

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  description: string;
  priceCents: number;
  createdAt: Date;
}

export function toProductView(product: ProductRow): ProductView {
  const { id, sku, name, description, priceCents, createdAt } = product;
  return { id, sku, name, description, priceCents, createdAt };
}
