import { GraphQLError } from 'graphql';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { rulesOf, type ProfileContext } from '../context';
import { contactability, kpisOf } from '../derive';
import { segmentValuesOf } from '../audience-engine';
import { goldenProfile } from '../golden';
import { UnknownCurrencyError, type Kpis } from '../kpis';
import type { CustomerModel } from '../models';
import { evaluate } from '../segments';

/** KPIs, with a missing exchange rate (a configuration gap) reported on the field. */
function kpisFor(customer: CustomerModel, ctx: ProfileContext): Kpis | null {
  try {
    return kpisOf(customer, ctx.kpiOptions);
  } catch (err) {
    if (err instanceof UnknownCurrencyError) {
      throw new GraphQLError(err.message, { extensions: { code: 'KPI_CURRENCY_UNKNOWN' } });
    }
    throw err;
  }
}

async function golden(customer: CustomerModel, ctx: ProfileContext) {
  return goldenProfile(customer, rulesOf(await ctx.config()), ctx.settings);
}

const noContactSource = (c: CustomerModel) =>
  [c.crmContacts, c.shopAccounts, c.loyaltyCards, c.helpDeskUsers].every((list) => list === null || list === undefined);

export const Customer: CustomerResolvers = {
  profile: async (customer, _args, ctx) => {
    const model = customer as CustomerModel;
    // Every contact source down: nothing to build a record from (an empty one would look like a fact).
    if (noContactSource(model)) return null;
    return golden(model, ctx);
  },

  kpis: (customer, _args, ctx) => kpisFor(customer as CustomerModel, ctx),

  contactability: async (customer, _args, ctx) => {
    const model = customer as CustomerModel;
    return contactability(model.consents, await golden(model, ctx));
  },

  segments: async (customer, _args, ctx) => {
    const model = customer as CustomerModel;
    const config = await ctx.config();
    if (config.segments.length === 0) return [];
    const values = segmentValuesOf(model, {
      rules: rulesOf(config),
      golden: ctx.settings,
      kpi: ctx.kpiOptions,
      now: ctx.now,
    });
    return config.segments
      .filter((s) => evaluate(s.condition, values))
      .map((s) => ({ name: s.name, description: s.description, version: s.version }));
  },
};
