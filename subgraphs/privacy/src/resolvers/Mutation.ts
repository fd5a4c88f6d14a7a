import { GraphQLError } from 'graphql';
import { requireScope, SCOPES } from '@c360/kit/auth';
import { badUserInput, fromSource } from '@c360/kit/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { UnknownCustomerError } from '../erasure';
import { SYSTEM } from '../store';
import { checkCustomerId } from './Query';

export const Mutation: MutationResolvers = {
  requestErasure: async (_parent, { id, reason }, ctx) => {
    requireScope(ctx, SCOPES.admin);
    checkCustomerId(id, 'id');
    if (reason != null && reason.length > 1000) {
      throw badUserInput(`Invalid reason: expected at most 1000 characters, received ${reason.length}`, 'reason');
    }
    let jobId: string;
    try {
      jobId = await ctx.erasure.request(id, ctx.caller.client, reason ?? null);
    } catch (err) {
      if (err instanceof UnknownCustomerError) {
        throw new GraphQLError(`${err.message}: no customer to erase (unknown, or erased already)`, {
          extensions: { code: 'NOT_FOUND', field: 'id' },
        });
      }
      throw new GraphQLError(`The erasure could not be started: ${(err as Error).message}`, {
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'identity' },
      });
    }
    const job = await fromSource(SYSTEM, () => ctx.store.job(jobId));
    if (!job) throw new Error(`erasure job ${jobId} vanished`);
    return job;
  },
};
