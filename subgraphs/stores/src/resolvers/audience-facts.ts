import {
  audienceRequest,
  callResolver,
  plainObject,
  purchaseTotalsOf,
  type AudienceFactsArgs,
} from '@c360/kit/audience';
import { loadAll } from '@c360/kit/loaders';
import type { StoresContext } from '../context';
import type { LoyaltyCardModel } from '../models';
import { SYSTEM } from '../sources/till-exports';
import { cardNumbersOf, Customer } from './Customer';
import { LoyaltyCard } from './LoyaltyCard';

const FACTS = ['loyaltyCards', 'inStorePurchaseTotals'] as const;
const CARD_FIELDS = ['cardNumber', 'firstName', 'lastName', 'email', 'phone', 'country', 'updatedAt'];

/**
 * `Query.storesAudienceFacts`: loyalty cards through the same resolvers as
 * Customer.loyaltyCards, and the receipts Customer.inStorePurchases lists
 * (total above zero) aggregated per currency, from the same index lookup.
 */
export async function storesAudienceFacts(args: AudienceFactsArgs, ctx: StoresContext) {
  const request = audienceRequest(ctx, SYSTEM, args, FACTS, ['inStorePurchaseTotals']);
  const sinceMs = request.since?.getTime() ?? 0;
  return Promise.all(
    request.customers.map(async (sourceRecords) => {
      const out: Record<string, unknown> = {};
      if (request.facts.has('loyaltyCards')) {
        const rows = await callResolver<LoyaltyCardModel[]>(Customer.loyaltyCards, { id: '', sourceRecords }, ctx);
        out.loyaltyCards = await Promise.all(rows.map((row) => plainObject(LoyaltyCard, row, CARD_FIELDS, ctx)));
      }
      if (request.facts.has('inStorePurchaseTotals')) {
        const cards = await loadAll(ctx.loaders.cards, cardNumbersOf(sourceRecords));
        out.inStorePurchaseTotals = purchaseTotalsOf(
          cards
            .flatMap((card) => card.receipts)
            .filter((r) => r.total > 0)
            .map((r) => ({ currency: r.currency, cents: r.total, atMs: r.purchasedAtMs })),
          sinceMs,
        );
      }
      return out;
    }),
  );
}
