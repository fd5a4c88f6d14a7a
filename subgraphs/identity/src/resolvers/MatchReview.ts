import type { MatchReviewResolvers } from '../__generated__/resolvers-types';

export const MatchReview: MatchReviewResolvers = {
  leftCustomer: (parent, _args, { loaders }) =>
    parent.leftCustomerId ? loaders.customers.load(parent.leftCustomerId) : null,
  rightCustomer: (parent, _args, { loaders }) =>
    parent.rightCustomerId ? loaders.customers.load(parent.rightCustomerId) : null,
};
