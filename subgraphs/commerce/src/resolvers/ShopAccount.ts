import { badUserInput } from '../../../shared/src/errors';
import type { ShopAccountResolvers } from '../__generated__/resolvers-types';

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
  orders: (a, { first, after }, { loaders }) => {
    const size = first ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
    }
    return loaders.orders.load({ accountId: a.account_id, first: size, after: after ?? null });
  },
};
