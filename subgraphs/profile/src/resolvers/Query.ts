import type { QueryResolvers } from '../__generated__/resolvers-types';
import { GOLDEN_ATTRIBUTES } from '../rules';
import { SEGMENT_FIELDS } from '../segments';
import { segmentPreview } from './audience';

export const Query: QueryResolvers = {
  survivorshipRules: async (_parent, _args, { config }) => {
    const { rules } = await config();
    return GOLDEN_ATTRIBUTES.map((attribute) => rules[attribute]);
  },
  segments: async (_parent, _args, { config }) => (await config()).segments,
  segment: async (_parent, { name }, { config }) => (await config()).segments.find((s) => s.name === name) ?? null,
  segmentFields: () =>
    Object.entries(SEGMENT_FIELDS).map(([name, { type, description }]) => ({ name, type, description })),
  segmentPreview: (_parent, { rule, sample }, ctx) => segmentPreview(ctx, rule, sample),
};
