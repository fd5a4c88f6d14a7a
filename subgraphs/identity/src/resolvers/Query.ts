import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { badUserInput } from '@c360/kit/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { normalizeIdentifier } from '../normalize';

/** Ids per `customers` call: a page of a list, batched in one Neo4j read. */
const MAX_CUSTOMERS = 100;

export const Query: QueryResolvers = {
  customer: (_parent, { id }, { loaders }) => loaders.customers.load(id),

  customers: (_parent, { ids }, { loaders }) => {
    if (ids.length < 1 || ids.length > MAX_CUSTOMERS) {
      throw badUserInput(`Invalid ids: expected 1 to ${MAX_CUSTOMERS} customer ids, received ${ids.length}`, 'ids');
    }
    return Promise.all(ids.map((id) => loaders.customers.load(id)));
  },

  customerByIdentifier: async (_parent, { kind, value }, { graph, loaders, normalize }) => {
    const identifier = normalizeIdentifier(kind, value, undefined, normalize, 'value');
    const id = await graph.customerIdByIdentifier(identifier);
    return id ? loaders.customers.load(id) : null;
  },

  identifierOwnerAt: async (_parent, { kind, value, at }, { graph, loaders, normalize }) => {
    const identifier = normalizeIdentifier(kind, value, undefined, normalize, 'value');
    const time = Date.parse(at);
    if (Number.isNaN(time))
      throw badUserInput(`Invalid at: expected an ISO-8601 date or date-time, received "${at}"`, 'at');
    const customerIdThen = await graph.customerIdAt(identifier, new Date(time));
    return customerIdThen ? { customerIdThen, customer: await loaders.customers.load(customerIdThen) } : null;
  },

  customerIds: async (_parent, { first, after }, { graph }) => {
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 1000, received ${size}`, 'first');
    }
    let from: string | null = null;
    if (after) {
      const [tag, id] = unpackCursor(after) ?? [];
      if (tag !== 'customer-id' || typeof id !== 'string') {
        throw badUserInput(`Invalid after: expected a customer ids cursor (endCursor), received "${after}"`, 'after');
      }
      from = id;
    }
    const { ids, hasNextPage } = await graph.customerIds(size, from);
    return { ids, hasNextPage, endCursor: ids.length ? packCursor(['customer-id', ids[ids.length - 1]!]) : null };
  },

  matchReviews: async (_parent, { status, first, after }, { graph }) => {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
    }
    let position: { score: number; id: string } | null = null;
    if (after) {
      const [tag, score, id] = unpackCursor(after) ?? [];
      if (tag !== 'match-review' || typeof score !== 'number' || typeof id !== 'string') {
        throw badUserInput(`Invalid after: expected a match reviews cursor (endCursor), received "${after}"`, 'after');
      }
      position = { score, id };
    }
    const page = await graph.matchReviews(status ?? 'PENDING', size, position);
    const last = page.reviews[page.reviews.length - 1];
    return {
      ...page,
      endCursor: last ? packCursor(['match-review', last.evidence.score, last.id]) : null,
    };
  },

  blockedIdentifiers: async (_parent, { first }, { graph }) => {
    const limit = first ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 1000, received ${limit}`, 'first');
    }
    return (await graph.blockedIdentifiers(limit)).map(({ kind, value, ...rest }) => ({
      identifier: { kind, value },
      ...rest,
    }));
  },
};
