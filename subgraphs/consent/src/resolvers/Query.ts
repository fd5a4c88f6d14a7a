import type { QueryResolvers } from '../__generated__/resolvers-types';
import { subjectById } from './ConsentSubject';

export const Query: QueryResolvers = {
  consentSubject: (_parent, { id }, ctx) => subjectById(id, ctx),
};
