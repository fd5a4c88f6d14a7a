import type {
  AccountRow,
  CartItemRow,
  CartRow,
  OrderRow,
  ProductRow,
  QuoteLineRow,
  QuoteRow,
} from './sources/shop-database';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

export type ShopAccountModel = AccountRow;
export type OrderModel = OrderRow;
export type QuoteModel = QuoteRow;
export type QuoteLineModel = QuoteLineRow & { currency: string };
export type AbandonedShopCartModel = CartRow;
export type ShopCartItemModel = CartItemRow & { currency: string };
export type ShopProductModel = ProductRow;

/** One page of a newest-first list, as the connection resolvers read it. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  /** Items of the list in all pages. */
  totalCount: number;
}

export type OrderConnectionModel = Page<OrderRow>;
export type QuoteConnectionModel = Page<QuoteRow>;
export type AbandonedShopCartConnectionModel = Page<CartRow>;
