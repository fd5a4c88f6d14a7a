import { requireScope, SCOPES } from '@c360/kit/auth';
import { badUserInput } from '@c360/kit/errors';
import type { MutationResolvers, RecordObservationInput } from '../__generated__/resolvers-types';
import { UnknownCustomerError, type Observation } from '../graph';
import { actorOf, type IdentityContext } from '../context';
import { normalizeIdentifier } from '../normalize';
import { matchKeysOf } from '../matching/live';
import { ReviewDecisionError } from '../matching/review';
import { nameKey } from '../rules';

/** Validates and normalises an observation input; any bad value rejects the whole call before anything is written. */
export function toObservation(
  input: RecordObservationInput,
  ctx: Pick<IdentityContext, 'normalize'>,
  path: string,
): Observation {
  const system = input.system.trim();
  const localId = input.localId.trim();
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(system)) {
    throw badUserInput(
      `Invalid ${path}.system: expected a source name like "crm" (lower-case letters, digits, - or _), received "${input.system}"`,
      `${path}.system`,
    );
  }
  if (localId === '') throw badUserInput(`Invalid ${path}.localId: expected a non-empty id`, `${path}.localId`);
  let observedAt = new Date().toISOString();
  if (input.observedAt != null) {
    const time = Date.parse(input.observedAt);
    if (Number.isNaN(time)) {
      throw badUserInput(
        `Invalid ${path}.observedAt: expected an ISO-8601 date-time, received "${input.observedAt}"`,
        `${path}.observedAt`,
      );
    }
    observedAt = new Date(time).toISOString();
  }
  const identifiers = input.identifiers.map((idf, i) =>
    normalizeIdentifier(idf.kind, idf.value, idf.region, ctx.normalize, `${path}.identifiers[${i}].value`),
  );
  const observation: Observation = { system, localId, observedAt, identifiers, nameKey: nameKey(input.name) };
  if (input.match != null) observation.match = matchKeysOf(input.match);
  return observation;
}

async function observeAll(
  inputs: readonly RecordObservationInput[],
  ctx: IdentityContext,
  path: (i: number) => string,
) {
  requireScope(ctx, SCOPES.identityWrite);
  const observations = inputs.map((input, i) => toObservation(input, ctx, path(i)));
  const assignment = await ctx.graph.observe(observations);
  return observations.map((o, i) => {
    const customerId = assignment.get(`${o.system}\u0000${o.localId}`);
    // observe() leaves out records erased under the right to erasure (see erasure.ts).
    if (!customerId) {
      throw badUserInput(
        `Invalid ${path(i)}: record ${o.system}/${o.localId} was erased (right to erasure) and is not observed again`,
        path(i),
      );
    }
    ctx.loaders.customers.clear(customerId);
    // A reference: the Customer resolvers load identifiers and records after the write.
    return { record: { system: o.system, localId: o.localId }, customer: { id: customerId } };
  });
}

export const Mutation: MutationResolvers = {
  observeRecord: async (_parent, { input }, ctx) => (await observeAll([input], ctx, () => 'input'))[0]!,
  observeRecords: (_parent, { inputs }, ctx) => observeAll(inputs, ctx, (i) => `inputs[${i}]`),

  mergeCustomers: async (_parent, { ids, reason }, ctx) => {
    requireScope(ctx, SCOPES.identityWrite);
    const distinct = [...new Set(ids)];
    if (distinct.length < 2) {
      throw badUserInput(
        `Invalid ids: expected at least two different customer ids, received ${JSON.stringify(ids)}`,
        'ids',
      );
    }
    try {
      const survivor = await ctx.graph.mergeCustomers(distinct, actorOf(ctx, reason));
      distinct.forEach((id) => ctx.loaders.customers.clear(id));
      return { id: survivor };
    } catch (err) {
      if (err instanceof UnknownCustomerError) throw badUserInput(`Invalid ids: ${err.message}`, 'ids');
      throw err;
    }
  },

  unlinkRecord: async (_parent, { system, localId, reason }, ctx) => {
    requireScope(ctx, SCOPES.identityWrite);
    const customerId = await ctx.graph.unlinkRecord(system, localId, actorOf(ctx, reason));
    if (!customerId) {
      throw badUserInput(`Invalid record: the identity graph has no record ${system}/${localId}`, 'localId');
    }
    ctx.loaders.customers.clearAll();
    return { id: customerId };
  },

  acceptMatch: (_parent, { id, reason }, ctx) => decide(ctx, id, 'ACCEPTED', reason),
  rejectMatch: (_parent, { id, reason }, ctx) => decide(ctx, id, 'REJECTED', reason),
};

async function decide(ctx: IdentityContext, id: string, decision: 'ACCEPTED' | 'REJECTED', reason?: string | null) {
  requireScope(ctx, SCOPES.identityWrite);
  let customerId: string | null;
  try {
    customerId = await ctx.graph.decideMatch(id, decision, actorOf(ctx, reason));
  } catch (err) {
    if (err instanceof ReviewDecisionError) throw badUserInput(err.message, 'id');
    throw err;
  }
  ctx.loaders.customers.clearAll();
  const review = await ctx.graph.matchReview(id);
  return { review: review!, customer: customerId ? { id: customerId } : null };
}
