import { badUserInput } from '../../../shared/src/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { normalizeIdentifier } from '../normalize';

export const Query: QueryResolvers = {
  customer: (_parent, { id }, { loaders }) => loaders.customers.load(id),

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
