import type {
  SegmentResolvers,
  SurvivorshipRuleResolvers,
  SurvivorshipRuleVersionResolvers,
} from '../__generated__/resolvers-types';
import { fromSource } from '@c360/kit/errors';
import { SYSTEM } from '../store';
import { segmentMembers, segmentSize } from './audience';

export const SurvivorshipRule: SurvivorshipRuleResolvers = {
  strategies: (r) => r.rule.strategies,
  sourcePriority: (r) => r.rule.sourcePriority,
  changedAt: (r) => r.changedAt?.toISOString() ?? null,
  history: (r, _args, { store }) => fromSource(SYSTEM, () => store.ruleHistory(r.attribute)),
};

export const SurvivorshipRuleVersion: SurvivorshipRuleVersionResolvers = {
  strategies: (r) => r.rule.strategies,
  sourcePriority: (r) => r.rule.sourcePriority,
  changedAt: (r) => r.changedAt.toISOString(),
};

export const Segment: SegmentResolvers = {
  rule: (s) => s.rule,
  changedAt: (s) => s.changedAt.toISOString(),
  size: (s, _args, ctx) => segmentSize(ctx, s.condition),
  members: (s, args, ctx) => segmentMembers(ctx, s.condition, args),
};
