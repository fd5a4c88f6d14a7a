import type { QueryResolvers } from '../__generated__/resolvers-types';
import { consentAudienceFacts } from './audience-facts';
import { subjectById } from './ConsentSubject';

export const Query: QueryResolvers = {
  consentAudienceFacts: (_parent, args, ctx) => consentAudienceFacts(args, ctx),
  consentSubject: (_parent, { id }, ctx) => subjectById(id, ctx),
};
