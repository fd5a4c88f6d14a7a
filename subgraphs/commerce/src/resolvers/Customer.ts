import { loadAll, localIdsOf } from '@c360/kit/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { decodeCursor, pageSize } from '../context';
import { SYSTEM, type PurchaseRow } from '../sources/shop-database';
import { money } from './connection';

/** The shop account ids among a customer's source records (ids that are not account ids are ignored). */
export function accountIdsOf(customer: { sourceRecords?: unknown }): number[] {
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
  onlinePurchases: async (customer, _args, { loaders }) => {
    const lists = await loaders.purchases.loadMany(accountIdsOf(customer));
    const failed = lists.find((l): l is Error => l instanceof Error);
    if (failed) throw failed;
    return (lists as PurchaseRow[][])
      .flat()
      .sort((a, b) => a.placed_at.getTime() - b.placed_at.getTime() || a.order_id - b.order_id)
      .map((o) => ({
        reference: o.order_number,
        purchasedAt: o.placed_at.toISOString(),
        total: money(o.total_amount, o.currency),
      }));
  },
};
