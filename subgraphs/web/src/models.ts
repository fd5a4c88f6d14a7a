import type { EventRow, SessionRow } from './sources/analytics-warehouse';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

export type WebSessionModel = SessionRow;

/** One page of a customer's sessions, newest first. */
export interface WebSessionConnectionModel {
  sessions: SessionRow[];
  hasNextPage: boolean;
  totalCount: number;
}

/** A product left in a cart: the last add's price, and the units still in the cart. */
export interface CartItemModel {
  sku: string;
  productName: string | null;
  quantity: number;
  price: string | null;
  currency: string | null;
}

/** A cart derived from cart events: the session where it was last changed, and what was left in it. */
export interface AbandonedWebCartModel {
  sessionId: string;
  cookieId: string;
  abandonedAt: Date;
  items: CartItemModel[];
}

/** One page of a customer's abandoned carts, most recent first. */
export interface AbandonedWebCartConnectionModel {
  carts: AbandonedWebCartModel[];
  hasNextPage: boolean;
  totalCount: number;
}

export type { EventRow };
