import type {
  StorePurchaseConnectionResolvers,
  StorePurchaseLineResolvers,
  StorePurchaseResolvers,
} from '../__generated__/resolvers-types';
import { encodePurchaseCursor } from '../purchases';
import { formatAmount } from '../sources/export-files';
import { storeOrPlaceholder } from './Store';

const money = (minor: number, currency: string) => ({ amount: formatAmount(minor), currency });

export const StorePurchaseConnection: StorePurchaseConnectionResolvers = {
  edges: (page) => page.receipts.map((receipt) => ({ cursor: encodePurchaseCursor(receipt), node: receipt })),
  pageInfo: (page) => {
    const last = page.receipts[page.receipts.length - 1];
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodePurchaseCursor(last) : null };
  },
  totalCount: (page) => page.totalCount,
};

export const StorePurchase: StorePurchaseResolvers = {
  store: (receipt, _args, ctx) => storeOrPlaceholder(receipt.storeCode, ctx),
  lines: (receipt) => receipt.lines.map((line) => ({ ...line, currency: receipt.currency })),
  total: (receipt) => money(receipt.total, receipt.currency),
  loyaltyCardNumber: (receipt) => receipt.cardNumber,
  loyaltyCard: async (receipt, _args, { loaders }) =>
    receipt.cardNumber ? (await loaders.cards.load(receipt.cardNumber)).member : null,
};

export const StorePurchaseLine: StorePurchaseLineResolvers = {
  unitPrice: (line) => money(line.unitPrice, line.currency),
  discount: (line) => money(line.discount, line.currency),
  lineTotal: (line) => money(line.lineTotal, line.currency),
};
