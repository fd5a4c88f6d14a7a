import type { MemberRow, Receipt, ReceiptLine, StoreRow } from './sources/export-files';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

/** A loyalty card is its member row: the programme exports one row per card. */
export type LoyaltyCardModel = MemberRow;
export type StorePurchaseModel = Receipt;
/** A receipt line with its receipt's currency, for its amounts. */
export type StorePurchaseLineModel = ReceiptLine & { currency: string };
export type StoreModel = StoreRow;

/** One page of receipts, newest first. */
export interface StorePurchaseConnectionModel {
  receipts: Receipt[];
  hasNextPage: boolean;
  totalCount: number;
}
