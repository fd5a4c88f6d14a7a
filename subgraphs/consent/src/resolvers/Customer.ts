import { localIdsOf } from '@c360/kit/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { historyPageKey } from '../context';
import { SYSTEM } from '../sources/consent-register';
import { loadStates } from './ConsentState';

/** The customer's consent subjects: the register's records among the customer's source records. */
const subjectIdsOf = (sourceRecords: unknown) => localIdsOf(sourceRecords, SYSTEM).map((id) => id.toLowerCase());

export const Customer: CustomerResolvers = {
  consents: (customer, _args, { loaders }) => loadStates(loaders.states, subjectIdsOf(customer.sourceRecords)),
  consentHistory: (customer, { first, after }, { loaders }) =>
    loaders.history.load(historyPageKey(subjectIdsOf(customer.sourceRecords), first, after)),
};
