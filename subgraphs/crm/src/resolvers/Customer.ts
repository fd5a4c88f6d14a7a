import { loadAll, localIdsOf } from '@c360/kit/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { SYSTEM } from '../sources/crm-database';

export const Customer: CustomerResolvers = {
  crmContacts: async (customer, _args, { loaders }) => {
    const contacts = await loadAll(loaders.contacts, localIdsOf(customer.sourceRecords, SYSTEM));
    return contacts.sort(
      (a, b) => b.updated_at.getTime() - a.updated_at.getTime() || a.contact_id.localeCompare(b.contact_id),
    );
  },
};
