import { loadAll, localIdsOf } from '../../../shared/src/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { SYSTEM } from '../sources/shop-database';

export const Customer: CustomerResolvers = {
  shopAccounts: async (customer, _args, { loaders }) => {
    const ids = localIdsOf(customer.sourceRecords, SYSTEM)
      .map(Number)
      .filter((id) => Number.isInteger(id));
    const accounts = await loadAll(loaders.accounts, ids);
    return accounts.sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || a.account_id - b.account_id);
  },
};
