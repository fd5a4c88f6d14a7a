import { loadAll, localIdsOf } from '@c360/kit/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { pageArgs, purchasesPage } from '../purchases';
import { formatAmount, normaliseCardNumber } from '../sources/export-files';
import { SYSTEM } from '../sources/till-exports';

/** The customer's card numbers among their source records (the stores' local ids). */
export function cardNumbersOf(sourceRecords: unknown): string[] {
  return localIdsOf(sourceRecords, SYSTEM)
    .map(normaliseCardNumber)
    .filter((card): card is string => card !== null);
}

export const Customer: CustomerResolvers = {
  loyaltyCards: async (customer, _args, { loaders }) => {
    const cards = await loadAll(loaders.cards, cardNumbersOf(customer.sourceRecords));
    return cards
      .flatMap((card) => (card.member ? [card.member] : []))
      .sort((a, b) =>
        a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.cardNumber < b.cardNumber ? -1 : 1,
      );
  },
  storePurchases: async (customer, { first, after }, { loaders }) => {
    const page = pageArgs(first, after);
    const cards = await loadAll(loaders.cards, cardNumbersOf(customer.sourceRecords));
    return purchasesPage(
      cards.flatMap((card) => card.receipts),
      page,
    );
  },
  inStorePurchases: async (customer, _args, { loaders }) => {
    const cards = await loadAll(loaders.cards, cardNumbersOf(customer.sourceRecords));
    return cards
      .flatMap((card) => card.receipts)
      .filter((r) => r.total > 0)
      .sort((a, b) => a.purchasedAtMs - b.purchasedAtMs || (a.receiptNumber < b.receiptNumber ? -1 : 1))
      .map((r) => ({
        reference: r.receiptNumber,
        purchasedAt: new Date(r.purchasedAtMs).toISOString(),
        total: { amount: formatAmount(r.total), currency: r.currency },
      }));
  },
};
