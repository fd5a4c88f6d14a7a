import type { AbandonedWebCartConnectionResolvers, AbandonedWebCartResolvers } from '../__generated__/resolvers-types';
import { cartValue } from '../carts';
import { encodeTimeCursor } from '../context';

export const AbandonedWebCart: AbandonedWebCartResolvers = {
  abandonedAt: (cart) => cart.abandonedAt.toISOString(),
  items: (cart) =>
    cart.items.map((item) => ({
      sku: item.sku,
      productName: item.productName,
      quantity: item.quantity,
      unitPrice: item.price !== null && item.currency ? { amount: item.price, currency: item.currency } : null,
    })),
  value: (cart) => cartValue(cart.items),
};

export const AbandonedWebCartConnection: AbandonedWebCartConnectionResolvers = {
  edges: (page) =>
    page.carts.map((cart) => ({ cursor: encodeTimeCursor(cart.abandonedAt, cart.sessionId), node: cart })),
  pageInfo: (page) => {
    const last = page.carts[page.carts.length - 1];
    return {
      hasNextPage: page.hasNextPage,
      endCursor: last ? encodeTimeCursor(last.abandonedAt, last.sessionId) : null,
    };
  },
  totalCount: (page) => page.totalCount,
};
