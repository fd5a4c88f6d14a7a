import type { OrderConnectionResolvers, OrderLineResolvers, OrderResolvers } from '../__generated__/resolvers-types';
import { encodeOrderCursor } from '../context';

export const OrderConnection: OrderConnectionResolvers = {
  edges: (page) =>
    page.orders.map((order) => ({ cursor: encodeOrderCursor(order.placed_at, order.order_id), node: order })),
  pageInfo: (page) => {
    const last = page.orders[page.orders.length - 1];
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeOrderCursor(last.placed_at, last.order_id) : null };
  },
  totalCount: (page) => page.totalCount,
};

export const Order: OrderResolvers = {
  orderNumber: (o) => o.order_number,
  placedAt: (o) => o.placed_at.toISOString(),
  total: (o) => ({ amount: o.total_amount, currency: o.currency }),
  lines: async (o, _args, { loaders }) => {
    const lines = await loaders.lines.load(o.order_id);
    return lines.map((line) => ({
      sku: line.sku,
      productName: line.product_name,
      quantity: line.quantity,
      unitPrice: { amount: line.unit_price, currency: o.currency },
    }));
  },
};

export const OrderLine: OrderLineResolvers = {};
