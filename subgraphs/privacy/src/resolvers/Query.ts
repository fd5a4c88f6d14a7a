import { GraphQLError } from 'graphql';
import { requireScope, SCOPES } from '@c360/kit/auth';
import { badUserInput, fromSource } from '@c360/kit/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { SYSTEM } from '../store';

/** Customer ids as the identity graph hands them out (letters, digits, - and _). */
export const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkCustomerId(id: string, field: string): void {
  if (!CUSTOMER_ID.test(id)) {
    throw badUserInput(
      `Invalid ${field}: expected a customer id (1 to 100 letters, digits, - or _), received "${id}"`,
      field,
    );
  }
}

export const Query: QueryResolvers = {
  erasureJob: async (_parent, { id }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    if (!UUID.test(id)) throw badUserInput(`Invalid id: expected an erasure job id (a UUID), received "${id}"`, 'id');
    return fromSource(SYSTEM, () => ctx.store.job(id));
  },
  erasureJobs: async (_parent, { customerId }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    checkCustomerId(customerId, 'customerId');
    return fromSource(SYSTEM, () => ctx.store.jobsOf(customerId));
  },
  piiReads: async (_parent, { customerId, first }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    checkCustomerId(customerId, 'customerId');
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 1000, received ${size}`, 'first');
    }
    return fromSource(SYSTEM, () => ctx.store.piiReadsOf([customerId], size));
  },
  exportCustomerData: async (_parent, { id }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    checkCustomerId(id, 'id');
    let exported;
    try {
      exported = await ctx.exporter.export(id, ctx.caller);
    } catch (err) {
      throw new GraphQLError(`The export could not be made: ${(err as Error).message}`, {
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'gateway' },
      });
    }
    if (!exported) return null;
    const ids = [...new Set([id, exported.customerId])];
    const piiReads = await fromSource(SYSTEM, () => ctx.store.piiReadsOf(ids, 10_000));
    return { ...exported, piiReads };
  },
};
