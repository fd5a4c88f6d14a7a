import { loadAll, localIdsOf } from '../../../shared/src/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { decodeCursor, pageSize } from '../context';
import { SYSTEM } from '../sources/shop-database';

/** The shop account ids among a customer's source records (ids that are not account ids are ignored). */
function accountIdsOf(customer: { sourceRecords?: unknown }): number[] {
  return localIdsOf(customer.sourceRecords, SYSTEM)
    .map(Number)
    .filter((id) => Number.isInteger(id));
}

export const Customer: CustomerResolvers = {
  shopAccounts: async (customer, _args, { loaders }) => {
    const accounts = await loadAll(loaders.accounts, accountIdsOf(customer));
    return accounts.sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || a.account_id - b.account_id);
  },
  abandonedShopCarts: (customer, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const position = after ? decodeCursor('cart', after) : null;
    // Straight from the account ids: carts of unknown accounts are simply none, so no accounts query is needed.
    return loaders.abandonedCarts.load({ accountIds: accountIdsOf(customer), first: size, after: position });
  },
};
