/**
 * Segment.size, Segment.members and Query.segmentPreview: the audience
 * engine (bulk evaluation, see ../audience-engine.ts) behind the API.
 */
import { GraphQLError } from 'graphql';
import { requireScope, SCOPES } from '@c360/kit/auth';
import { badUserInput } from '@c360/kit/errors';
import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { rulesOf, type ProfileContext } from '../context';
import { parseReach, type AudienceEngine, type EvaluationSettings, type Reach } from '../audience-engine';
import { parseSegmentRule, SegmentRuleError, type Condition } from '../segments';

export function engineOf(ctx: ProfileContext): AudienceEngine {
  const engine = ctx.settings.audience;
  if (!engine) {
    throw new GraphQLError(
      'Segment sizes and members are not available: this profile subgraph runs without audience evaluation',
      {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      },
    );
  }
  return engine;
}

export async function evaluationSettings(ctx: ProfileContext): Promise<EvaluationSettings & { version: number }> {
  const config = await ctx.config();
  return { rules: rulesOf(config), golden: ctx.settings, kpi: ctx.kpiOptions, now: ctx.now, version: config.version };
}

export const memberCursor = (customerId: string) => packCursor(['segment-member', customerId]);

export function afterOf(after: string | null | undefined): string | null {
  if (after === null || after === undefined) return null;
  const [tag, id] = unpackCursor(after) ?? [];
  if (tag !== 'segment-member' || typeof id !== 'string') {
    throw badUserInput(
      `Invalid after: expected a segment members cursor (pageInfo.endCursor), received "${after}"`,
      'after',
    );
  }
  return id;
}

/** A rule as a client sent it, validated: BAD_USER_INPUT names the place in the rule. */
export function ruleOf(input: unknown): Condition {
  try {
    return parseSegmentRule(input);
  } catch (err) {
    if (err instanceof SegmentRuleError) throw badUserInput(`Invalid ${err.message}`, err.path);
    throw err;
  }
}

function reachOf(channel: string | null | undefined, purpose: string | null | undefined): Reach | null {
  try {
    return parseReach(channel, purpose);
  } catch (err) {
    const field = (err as Error).message.split(':')[0];
    throw badUserInput(`Invalid ${(err as Error).message}`, field);
  }
}

export async function segmentSize(ctx: ProfileContext, condition: Condition): Promise<number> {
  requireScope(ctx, SCOPES.customerRead);
  const engine = engineOf(ctx);
  const settings = await evaluationSettings(ctx);
  return (await engine.size(condition, settings, `${settings.version}\n${JSON.stringify(condition)}`)).size;
}

export async function segmentMembers(
  ctx: ProfileContext,
  condition: Condition,
  args: { first?: number | null; after?: string | null; channel?: string | null; purpose?: string | null },
) {
  requireScope(ctx, SCOPES.customerRead);
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 1000) {
    throw badUserInput(`Invalid first: expected an integer from 1 to 1000, received ${first}`, 'first');
  }
  const after = afterOf(args.after);
  const reach = reachOf(args.channel, args.purpose);
  const engine = engineOf(ctx);
  const settings = await evaluationSettings(ctx);
  const page = await engine.members(condition, settings, first, after, reach);
  const edges = page.members.map((m) => ({
    cursor: memberCursor(m.customerId),
    node: { id: m.customerId },
    contact: m.contact,
  }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

export async function segmentPreview(ctx: ProfileContext, rule: unknown, sample: number | null | undefined) {
  requireScope(ctx, SCOPES.customerRead);
  const condition = ruleOf(rule);
  const n = sample ?? 10;
  if (!Number.isInteger(n) || n < 0 || n > 100) {
    throw badUserInput(`Invalid sample: expected an integer from 0 to 100, received ${n}`, 'sample');
  }
  const engine = engineOf(ctx);
  const settings = await evaluationSettings(ctx);
  const result = await engine.size(condition, settings, `${settings.version}\n${JSON.stringify(condition)}`, n);
  return { size: result.size, members: result.sample.map((id) => ({ id })) };
}
