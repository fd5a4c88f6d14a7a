import { requireScope, SCOPES } from '@c360/kit/auth';
import { badUserInput, fromSource } from '@c360/kit/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { parseAttributeRule } from '../rules';
import { parseSegmentRule, SegmentRuleError } from '../segments';
import type { ProfileContext } from '../context';
import { ConfigConflictError, SYSTEM, type ProfileStore } from '../store';

const SEGMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MAX_DESCRIPTION = 500;

function checkName(name: string): void {
  if (!SEGMENT_NAME.test(name)) {
    throw badUserInput(
      `Invalid name: expected 1 to 64 letters, digits, - or _ starting with a letter or digit, received "${name}"`,
      'name',
    );
  }
}

function checkDescription(description: string | null | undefined): void {
  if (description && description.length > MAX_DESCRIPTION) {
    throw badUserInput(
      `Invalid description: expected at most ${MAX_DESCRIPTION} characters, received ${description.length}`,
      'description',
    );
  }
}

/** Validates a segment rule; BAD_USER_INPUT names the place in the rule, e.g. rule.all.1.value. */
function checkRule(rule: unknown): void {
  try {
    parseSegmentRule(rule);
  } catch (err) {
    if (err instanceof SegmentRuleError) throw badUserInput(`Invalid ${err.message}`, err.path);
    throw err;
  }
}

/**
 * A store write, with a refusal because of what is stored turned into BAD_USER_INPUT. Once it is
 * committed, whoever cached answers computed under the old definitions (the gateway) is told.
 */
async function write<T>(ctx: ProfileContext, call: (store: ProfileStore) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await fromSource(SYSTEM, () => call(ctx.store));
  } catch (err) {
    const cause = (err as { originalError?: unknown }).originalError;
    if (cause instanceof ConfigConflictError) throw badUserInput(cause.message, cause.field);
    throw err;
  }
  await ctx.settings.onDefinitionsChanged?.();
  return result;
}

export const Mutation: MutationResolvers = {
  setSurvivorshipRule: async (_parent, { attribute, rule }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    const parsed = parseAttributeRule({ strategies: rule.strategies, sourcePriority: rule.sourcePriority ?? [] });
    if (!parsed.ok) throw badUserInput(`Invalid rule.${parsed.error}`, 'rule');
    const saved = await write(ctx, (store) => store.setRule(attribute, parsed.rule, ctx.caller.client));
    return saved;
  },

  defineSegment: async (_parent, { name, description, rule }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    checkName(name);
    checkDescription(description);
    checkRule(rule);
    const { segment } = await write(ctx, (store) =>
      store.writeSegment(name, { description: description ?? null, rule }, ctx.caller.client, 'new'),
    );
    return segment!;
  },

  updateSegment: async (_parent, { name, description, rule }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    checkName(name);
    if (description === undefined && (rule === undefined || rule === null)) {
      throw badUserInput('Invalid input: expected a new description or rule, received neither', 'rule');
    }
    checkDescription(description);
    if (rule !== undefined && rule !== null) checkRule(rule);
    const { segment } = await write(ctx, (store) =>
      store.writeSegment(name, { description, rule: rule ?? undefined }, ctx.caller.client, 'existing'),
    );
    if (!segment) throw badUserInput(`Invalid name: there is no segment named "${name}"`, 'name');
    return segment;
  },

  deleteSegment: async (_parent, { name }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    checkName(name);
    const { written } = await write(ctx, (store) =>
      store.writeSegment(name, { rule: null }, ctx.caller.client, 'existing'),
    );
    return written;
  },
};
