import type { OrderConnectionResolvers, OrderLineResolvers, OrderResolvers } from '../__generated__/resolvers-types';
import { encodeOrderCursor } from '../context';
import type { OrderRow } from '../sources/shop-database';
import { connectionOf, money } from './connection';

export const OrderConnection: OrderConnectionResolvers = connectionOf((o: OrderRow) =>
  encodeOrderCursor(o.placed_at, o.order_id),
);

export const Order: OrderResolvers = {
  orderNumber: (o) => o.order_number,
  placedAt: (o) => o.placed_at.toISOString(),
  total: (o) => money(o.total_amount, o.currency),
  lines: async (o, _args, { loaders }) => {
    const lines = await loaders.lines.load(o.order_id);
    return lines.map((line) => ({
      sku: line.sku,
      productName: line.product_name,
      quantity: line.quantity,
      unitPrice: money(line.unit_price, o.currency),
    }));
  },
};

export const OrderLine: OrderLineResolvers = {
  product: (line, _args, { loaders }) => loaders.products.load(line.sku),
};
