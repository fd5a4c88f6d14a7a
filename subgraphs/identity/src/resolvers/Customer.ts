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
  anonymous: async (parent, _args, ctx) => {
    const { identifiers } = await loaded(parent, ctx);
    return !identifiers!.some((i) => !ctx.graph.rules.kinds[i.kind].weak);
  },
  identityLinks: (parent, _args, { graph }) => graph.links(parent.id),
  blockedIdentifiers: async (parent, _args, { graph }) =>
    (await graph.blockedIdentifiersOf(parent.id)).map(({ kind, value, ...rest }) => ({
      identifier: { kind, value },
      ...rest,
    })),
  identityHistory: (parent, _args, { graph }) => graph.history(parent.id),
};
