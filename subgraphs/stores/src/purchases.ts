import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { badUserInput } from '@c360/kit/errors';
import type { StorePurchaseConnectionModel } from './models';
import type { Receipt } from './sources/export-files';
import { compareReceipts } from './sources/export-index';

/** Where a page of receipts starts: strictly after (older than) this receipt. */
interface PurchasesAfter {
  purchasedAtMs: number;
  receiptNumber: string;
}

export const encodePurchaseCursor = (r: Receipt) =>
  packCursor([new Date(r.purchasedAtMs).toISOString(), r.receiptNumber]);

function decodePurchaseCursor(cursor: string): PurchasesAfter {
  const [purchasedAt, receiptNumber] = unpackCursor(cursor) ?? [];
  const purchasedAtMs = typeof purchasedAt === 'string' ? Date.parse(purchasedAt) : NaN;
  if (typeof receiptNumber !== 'string' || Number.isNaN(purchasedAtMs)) {
    throw badUserInput(
      `Invalid after: expected a store purchases cursor (pageInfo.endCursor), received "${cursor}"`,
      'after',
    );
  }
  return { purchasedAtMs, receiptNumber };
}

/** Checked before the source is asked, so that a misuse is reported as such even when the source is down. */
export interface PageArgs {
  first: number;
  after: PurchasesAfter | null;
}

export function pageArgs(first: number | null | undefined, after: string | null | undefined): PageArgs {
  const size = first ?? 10;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
  }
  return { first: size, after: after ? decodePurchaseCursor(after) : null };
}

/** One page of the receipts (of one or several cards), newest first. */
export function purchasesPage(receipts: readonly Receipt[], { first, after }: PageArgs): StorePurchaseConnectionModel {
  const unique = [...new Map(receipts.map((r) => [r.receiptNumber, r])).values()].sort(compareReceipts);
  const start = after
    ? unique.findIndex(
        (r) =>
          r.purchasedAtMs < after.purchasedAtMs ||
          (r.purchasedAtMs === after.purchasedAtMs && r.receiptNumber < after.receiptNumber),
      )
    : 0;
  const rest = start === -1 ? [] : unique.slice(start);
  return { receipts: rest.slice(0, first), hasNextPage: rest.length > first, totalCount: unique.length };
}
