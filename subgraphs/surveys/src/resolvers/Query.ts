import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  survey: (_parent, { surveyId }, { loaders }) =>
    /^\d+$/.test(surveyId) ? loaders.surveys.load(Number(surveyId)) : null,
};
