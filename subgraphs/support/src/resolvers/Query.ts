import type { QueryResolvers } from '../__generated__/resolvers-types';
import { supportAudienceFacts } from './audience-facts';

export const Query: QueryResolvers = {
  supportAudienceFacts: (_parent, args, ctx) => supportAudienceFacts(args, ctx),
  supportTicket: (_parent, { id }, { loaders }) => (/^\d+$/.test(id) ? loaders.tickets.load(Number(id)) : null),
  helpDeskUser: (_parent, { id }, { loaders }) => (/^\d+$/.test(id) ? loaders.users.load(Number(id)) : null),
};
