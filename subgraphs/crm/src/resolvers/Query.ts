import type { QueryResolvers } from '../__generated__/resolvers-types';
import { crmAudienceFacts } from './audience-facts';

export const Query: QueryResolvers = {
  crmAudienceFacts: (_parent, args, ctx) => crmAudienceFacts(args, ctx),
  crmContact: (_parent, { contactId }, { loaders }) => loaders.contacts.load(contactId),
};
