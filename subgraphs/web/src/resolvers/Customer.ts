import { loadAll, localIdsOf } from '@c360/kit/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { abandonedCarts, pageOfCarts } from '../carts';
import { decodeTimeCursor, pageSize } from '../context';
import type { AbandonedWebCartConnectionModel, EventRow, WebSessionConnectionModel } from '../models';
import { SYSTEM } from '../sources/analytics-warehouse';

const NO_SESSIONS: WebSessionConnectionModel = { sessions: [], hasNextPage: false, totalCount: 0 };
const NO_CARTS: AbandonedWebCartConnectionModel = { carts: [], hasNextPage: false, totalCount: 0 };

/** The customer's cookies: web analytics' records are browsers, keyed by their first-party cookie id. */
const cookiesOf = (customer: { sourceRecords?: unknown }) => [...new Set(localIdsOf(customer.sourceRecords, SYSTEM))];

export const Customer: CustomerResolvers = {
  webSessions: (customer, { first, after }, { loaders }) => {
    const size = pageSize(first);
    // Checked here so that a bad cursor fails this field alone, not the whole batch.
    if (after) decodeTimeCursor(after, 'web sessions');
    const cookies = cookiesOf(customer);
    if (cookies.length === 0) return NO_SESSIONS;
    return loaders.sessionPages.load({ cookies, first: size, after: after ?? null });
  },

  lastWebSession: async (customer, _args, { loaders }) => {
    const cookies = cookiesOf(customer);
    if (cookies.length === 0) return null;
    const page = await loaders.sessionPages.load({ cookies, first: 1, after: null });
    return page.sessions[0] ?? null;
  },

  abandonedWebCarts: async (customer, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const cursor = after ? decodeTimeCursor(after, 'abandoned carts') : null;
    const cookies = cookiesOf(customer);
    if (cookies.length === 0) return NO_CARTS;
    const events = (await loadAll(loaders.cartEvents, cookies)).flat().sort(inTimeOrder);
    return pageOfCarts(abandonedCarts(events), size, cursor);
  },
};

const inTimeOrder = (a: EventRow, b: EventRow) =>
  a.derived_tstamp.getTime() - b.derived_tstamp.getTime() ||
  (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0);
