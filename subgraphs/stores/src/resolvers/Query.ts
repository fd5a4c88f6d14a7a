import { badUserInput } from '@c360/kit/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { storesAudienceFacts } from './audience-facts';
import { normaliseCardNumber } from '../sources/export-files';

export const Query: QueryResolvers = {
  storesAudienceFacts: (_parent, args, ctx) => storesAudienceFacts(args, ctx),
  loyaltyCard: async (_parent, { cardNumber }, { loaders }) => {
    const card = normaliseCardNumber(cardNumber);
    if (!card) {
      throw badUserInput(
        `Invalid cardNumber: expected 6 to 24 letters or digits (spaces and dashes allowed), received "${cardNumber}"`,
        'cardNumber',
      );
    }
    return (await loaders.cards.load(card)).member;
  },
  storeReceipt: (_parent, { receiptNumber }, { loaders }) => loaders.receipts.load(receiptNumber.trim()),
};
