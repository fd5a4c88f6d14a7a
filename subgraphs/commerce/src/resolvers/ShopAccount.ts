import type { ShopAccountResolvers } from '../__generated__/resolvers-types';
import { decodeCursor, decodeOrderCursor, pageSize } from '../context';

export const ShopAccount: ShopAccountResolvers = {
  __resolveReference: (ref, { loaders }) => {
    // The representation holds the key field (`accountId`), not a mapped row.
    const id = Number((ref as unknown as { accountId: string }).accountId);
    return Number.isInteger(id) ? loaders.accounts.load(id) : null;
  },
  accountId: (a) => String(a.account_id),
  firstName: (a) => a.first_name,
  lastName: (a) => a.last_name,
  country: (a) => a.country?.trim() ?? null,
  createdAt: (a) => a.created_at.toISOString(),
  updatedAt: (a) => a.updated_at.toISOString(),
  // Arguments are checked before any source call, so that a bad one fails alone and costs nothing.
  orders: (a, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const position = after ? decodeOrderCursor(after) : null;
    return loaders.orders.load({ accountIds: [a.account_id], first: size, after: position });
  },
  quotes: (a, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const position = after ? decodeCursor('quote', after) : null;
    return loaders.quotes.load({ accountIds: [a.account_id], first: size, after: position });
  },
  abandonedCarts: (a, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const position = after ? decodeCursor('cart', after) : null;
    return loaders.abandonedCarts.load({ accountIds: [a.account_id], first: size, after: position });
  },
};
