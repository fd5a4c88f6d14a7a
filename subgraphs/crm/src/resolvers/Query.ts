import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  crmContact: (_parent, { contactId }, { loaders }) => loaders.contacts.load(contactId),
};
