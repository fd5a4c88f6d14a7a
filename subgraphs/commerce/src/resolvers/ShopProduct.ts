import type { ShopProductResolvers } from '../__generated__/resolvers-types';
import { money } from './connection';

export const ShopProduct: ShopProductResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.products.load((ref as unknown as { sku: string }).sku),
  onSale: (p) => p.status === 'enabled',
  listPrices: (p) => p.prices.map((price) => money(price.list_price, price.currency)),
};
