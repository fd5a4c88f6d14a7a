import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  supportTicket: (_parent, { id }, { loaders }) => (/^\d+$/.test(id) ? loaders.tickets.load(Number(id)) : null),
  helpDeskUser: (_parent, { id }, { loaders }) => (/^\d+$/.test(id) ? loaders.users.load(Number(id)) : null),
};
