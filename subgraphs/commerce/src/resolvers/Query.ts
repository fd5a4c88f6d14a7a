import type { QueryResolvers } from '../__generated__/resolvers-types';
import { commerceAudienceFacts } from './audience-facts';

export const Query: QueryResolvers = {
  shopAccount: (_parent, { accountId }, { loaders }) => {
    const id = Number(accountId);
    return Number.isInteger(id) ? loaders.accounts.load(id) : null;
  },
  shopProduct: (_parent, { sku }, { loaders }) => loaders.products.load(sku),
  commerceAudienceFacts: (_parent, args, ctx) => commerceAudienceFacts(args, ctx),
};
