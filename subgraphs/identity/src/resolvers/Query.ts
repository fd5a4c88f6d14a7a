import type { QueryResolvers } from '../__generated__/resolvers-types';
import { normalizeIdentifier } from '../normalize';

export const Query: QueryResolvers = {
  customer: (_parent, { id }, { loaders }) => loaders.customers.load(id),

  customerByIdentifier: async (_parent, { kind, value }, { graph, loaders, normalize }) => {
    const identifier = normalizeIdentifier(kind, value, undefined, normalize, 'value');
    const id = await graph.customerIdByIdentifier(identifier);
    return id ? loaders.customers.load(id) : null;
  },
};
