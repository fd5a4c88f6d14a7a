import type { AccountRow, OrderRow } from './sources/shop-database';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

export type ShopAccountModel = AccountRow;
export type OrderModel = OrderRow;
export interface OrderConnectionModel {
  orders: OrderRow[];
  hasNextPage: boolean;
  totalCount: number;
}
