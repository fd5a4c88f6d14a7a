import type { QueryResolvers } from '../__generated__/resolvers-types';
import { webAudienceFacts } from './audience-facts';

export const Query: QueryResolvers = {
  webAudienceFacts: (_parent, args, ctx) => webAudienceFacts(args, ctx),
  webSession: (_parent, { sessionId }, { loaders }) => loaders.sessions.load(sessionId),
};
