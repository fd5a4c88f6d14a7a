import type { QuoteConnectionResolvers, QuoteLineResolvers, QuoteResolvers } from '../__generated__/resolvers-types';
import { encodeCursor } from '../context';
import type { QuoteRow } from '../sources/shop-database';
import { connectionOf, money } from './connection';

export const QuoteConnection: QuoteConnectionResolvers = connectionOf((q: QuoteRow) =>
  encodeCursor('quote', q.created_at, q.quote_id),
);

export const Quote: QuoteResolvers = {
  quoteNumber: (q) => q.quote_number,
  // A DATE column: midnight UTC, as the pool reads times in UTC.
  validUntil: (q) => q.valid_until.toISOString().slice(0, 10),
  salesRep: (q) => q.sales_rep,
  total: (q) => money(q.total_amount, q.currency),
  lines: async (q, _args, { loaders }) =>
    (await loaders.quoteLines.load(q.quote_id)).map((line) => ({ ...line, currency: q.currency })),
  createdAt: (q) => q.created_at.toISOString(),
  updatedAt: (q) => q.updated_at.toISOString(),
};

export const QuoteLine: QuoteLineResolvers = {
  productName: (l) => l.product_name,
  product: (l, _args, { loaders }) => loaders.products.load(l.sku),
  unitPrice: (l) => money(l.unit_price, l.currency),
  discountPercent: (l) => Number(l.discount_percent),
  lineTotal: (l) => money(l.row_total, l.currency),
};
