import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  webSession: (_parent, { sessionId }, { loaders }) => loaders.sessions.load(sessionId),
};
