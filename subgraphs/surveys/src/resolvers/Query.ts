import type { QueryResolvers } from '../__generated__/resolvers-types';
import { surveysAudienceFacts } from './audience-facts';

export const Query: QueryResolvers = {
  surveysAudienceFacts: (_parent, args, ctx) => surveysAudienceFacts(args, ctx),
  survey: (_parent, { surveyId }, { loaders }) =>
    /^\d+$/.test(surveyId) ? loaders.surveys.load(Number(surveyId)) : null,
};
