import type { LoyaltyCardResolvers } from '../__generated__/resolvers-types';
import { pageArgs, purchasesPage } from '../purchases';
import { normaliseCardNumber } from '../sources/export-files';
import { storeOrPlaceholder } from './Store';

export const LoyaltyCard: LoyaltyCardResolvers = {
  __resolveReference: async (ref, { loaders }) => {
    // The representation holds the key field (`cardNumber`), not a mapped row.
    const card = normaliseCardNumber(String((ref as unknown as { cardNumber: string }).cardNumber));
    return card ? (await loaders.cards.load(card)).member : null;
  },
  enrolmentStore: (card, _args, ctx) => (card.enrolmentStore ? storeOrPlaceholder(card.enrolmentStore, ctx) : null),
  purchases: async (card, { first, after }, { loaders }) => {
    const page = pageArgs(first, after);
    return purchasesPage((await loaders.cards.load(card.cardNumber)).receipts, page);
  },
};
