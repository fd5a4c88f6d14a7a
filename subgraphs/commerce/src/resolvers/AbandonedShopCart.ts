import type {
  AbandonedShopCartConnectionResolvers,
  AbandonedShopCartResolvers,
  ShopCartItemResolvers,
} from '../__generated__/resolvers-types';
import { encodeCursor } from '../context';
import type { CartRow } from '../sources/shop-database';
import { connectionOf, money } from './connection';

export const AbandonedShopCartConnection: AbandonedShopCartConnectionResolvers = connectionOf((c: CartRow) =>
  encodeCursor('cart', c.updated_at, c.cart_id),
);

export const AbandonedShopCart: AbandonedShopCartResolvers = {
  cartId: (c) => String(c.cart_id),
  accountId: (c) => String(c.account_id),
  createdAt: (c) => c.created_at.toISOString(),
  updatedAt: (c) => c.updated_at.toISOString(),
  abandonedSince: (c, _args, { cartAbandonedAfterMs }) =>
    new Date(c.updated_at.getTime() + cartAbandonedAfterMs).toISOString(),
  itemCount: (c) => Number(c.items_qty),
  subtotal: (c) => money(c.subtotal, c.currency),
  items: async (c, _args, { loaders }) =>
    (await loaders.cartItems.load(c.cart_id)).map((item) => ({ ...item, currency: c.currency })),
};

export const ShopCartItem: ShopCartItemResolvers = {
  productName: (i) => i.name,
  product: (i, _args, { loaders }) => loaders.products.load(i.sku),
  quantity: (i) => i.qty,
  unitPrice: (i) => money(i.price, i.currency),
  addedAt: (i) => i.created_at.toISOString(),
};
