import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { IdentityContext } from '../context';
import type { CustomerModel } from '../models';

async function loaded(parent: CustomerModel, ctx: IdentityContext) {
  if (parent.identifiers && parent.sourceRecords) return parent;
  return (await ctx.loaders.customers.load(parent.id)) ?? { id: parent.id, identifiers: [], sourceRecords: [] };
}

export const Customer: CustomerResolvers = {
  // An unknown id resolves to null (not an error), as the federation contract expects.
  __resolveReference: (reference, ctx) => ctx.loaders.customers.load(reference.id),
  identifiers: async (parent, _args, ctx) => (await loaded(parent, ctx)).identifiers!,
  sourceRecords: async (parent, _args, ctx) => (await loaded(parent, ctx)).sourceRecords!,
};
