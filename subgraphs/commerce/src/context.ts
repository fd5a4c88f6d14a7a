import DataLoader from 'dataloader';
import { badUserInput, fromSource } from '@c360/kit/errors';
import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { groupedLoader, keyedLoader } from '@c360/kit/loaders';
import type { Page } from './models';
import {
  SYSTEM,
  type AccountRow,
  type CartItemRow,
  type CartRow,
  type OrderLineRow,
  type OrderRow,
  type PagedRow,
  type PagePosition,
  type ProductRow,
  type PurchaseRow,
  type PurchaseTotalsRow,
  type QuoteLineRow,
  type QuoteRow,
  type ShopDatabase,
} from './sources/shop-database';

/**
 * One page of a newest-first list owned by shop accounts. `accountIds` holds
 * one account for `ShopAccount.orders` and all of a customer's accounts for
 * lists merged across accounts (`Customer.abandonedShopCarts`).
 */
export interface PageKey {
  accountIds: readonly number[];
  first: number;
  after: PagePosition | null;
}

export interface CommerceContext {
  loaders: {
    accounts: DataLoader<number, AccountRow | null>;
    /** Pages of orders; all keys asking for the same page size and cursor go in one query. */
    orders: DataLoader<PageKey, Page<OrderRow>, string>;
    lines: DataLoader<number, OrderLineRow[]>;
    /** Orders that count as purchases, per account, oldest first. */
    purchases: DataLoader<number, PurchaseRow[]>;
    quotes: DataLoader<PageKey, Page<QuoteRow>, string>;
    quoteLines: DataLoader<number, QuoteLineRow[]>;
    abandonedCarts: DataLoader<PageKey, Page<CartRow>, string>;
    cartItems: DataLoader<number, CartItemRow[]>;
    /** By SKU: order, quote and cart lines all carry it, so one query serves them all. */
    products: DataLoader<string, ProductRow | null>;
  };
  /** Idle time after which an active cart with items counts as abandoned. */
  cartAbandonedAfterMs: number;
  /** Purchases of many accounts aggregated per account and currency (the audience engine's bulk read). */
  purchaseTotals: (accountIds: readonly number[], since: Date) => Promise<PurchaseTotalsRow[]>;
}

export interface CommerceSettings {
  /** Idle time after which an active cart with items counts as abandoned. */
  cartAbandonedAfterMs: number;
  /** The clock; tests pin it. @default Date.now */
  now?: () => number;
}

// ---------------------------------------------------------------------------
// Cursors and page arguments

/** Orders cursors predate the tagged ones and keep their shape, so that cursors already handed out stay valid. */
export const encodeOrderCursor = (placedAt: Date, orderId: number) => packCursor([placedAt.toISOString(), orderId]);

export function decodeOrderCursor(cursor: string): PagePosition {
  const [placedAt, orderId] = unpackCursor(cursor) ?? [];
  if (typeof placedAt !== 'string' || !Number.isInteger(orderId) || Number.isNaN(Date.parse(placedAt))) {
    throw badUserInput(`Invalid after: expected an orders cursor (pageInfo.endCursor), received "${cursor}"`, 'after');
  }
  return { at: new Date(placedAt), id: orderId as number };
}

/** The lists with tagged cursors, and how their cursors are named in error messages. */
const CURSOR_LISTS = { quote: 'a quotes', cart: 'an abandoned-carts' } as const;
type CursorList = keyof typeof CURSOR_LISTS;

/** A position in a quotes or carts list, tagged so that one list's cursor is refused by another. */
export const encodeCursor = (list: CursorList, at: Date, id: number) => packCursor([list, at.toISOString(), id]);

export function decodeCursor(list: CursorList, cursor: string): PagePosition {
  const [tag, at, id] = unpackCursor(cursor) ?? [];
  if (tag !== list || typeof at !== 'string' || !Number.isInteger(id) || Number.isNaN(Date.parse(at))) {
    throw badUserInput(
      `Invalid after: expected ${CURSOR_LISTS[list]} cursor (pageInfo.endCursor), received "${cursor}"`,
      'after',
    );
  }
  return { at: new Date(at), id: id as number };
}

/** Checks `first` (1..100, default 10) before any source call. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 10;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
  }
  return size;
}

// ---------------------------------------------------------------------------
// Loaders

const positionKey = (p: PagePosition | null) => (p ? `${p.at.toISOString()}/${p.id}` : '');
const pageKey = (key: PageKey) => `${[...key.accountIds].sort().join(',')}|${key.first}|${positionKey(key.after)}`;

/**
 * A loader of newest-first pages owned by accounts. Keys asking for the same
 * page size and cursor share one query over all their accounts; each key's
 * page is then cut from its accounts' rows. For a key spanning several
 * accounts this is exact: the first `first + 1` rows of the merged list are
 * among the first `first + 1` rows of each account.
 */
function pageLoader<R extends PagedRow>(
  fetch: (accountIds: number[], first: number, after: PagePosition | null) => Promise<R[]>,
  positionOf: (row: R) => PagePosition,
): DataLoader<PageKey, Page<R>, string> {
  const newestFirst = (a: R, b: R) => {
    const [pa, pb] = [positionOf(a), positionOf(b)];
    return pb.at.getTime() - pa.at.getTime() || pb.id - pa.id;
  };
  return new DataLoader<PageKey, Page<R>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const key of keys) {
        const group = `${key.first}|${positionKey(key.after)}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const pages = new Map<string, Page<R> | Error>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { first, after } = group[0]!;
          const accountIds = [...new Set(group.flatMap((k) => k.accountIds))];
          try {
            const rows = await fromSource(SYSTEM, () => fetch(accountIds, first, after));
            for (const key of group) {
              const own = rows.filter((r) => key.accountIds.includes(r.account_id));
              const totals = new Map(own.map((r) => [r.account_id, Number(r.total_count)]));
              const items = own.filter((r) => Number(r.in_page) === 1).sort(newestFirst);
              pages.set(pageKey(key), {
                items: items.slice(0, first),
                hasNextPage: items.length > first,
                totalCount: [...totals.values()].reduce((sum, n) => sum + n, 0),
              });
            }
          } catch (err) {
            // One failed group fails its own keys only.
            for (const key of group) pages.set(pageKey(key), err as Error);
          }
        }),
      );
      return keys.map((key) => pages.get(pageKey(key)) ?? { items: [], hasNextPage: false, totalCount: 0 });
    },
    { cacheKeyFn: pageKey },
  );
}

export function createContext(db: ShopDatabase, settings: CommerceSettings): CommerceContext {
  const now = settings.now ?? Date.now;
  // One cut-off per request, so that every page of the request agrees on which carts are abandoned.
  const idleSince = new Date(now() - settings.cartAbandonedAfterMs);
  return {
    cartAbandonedAfterMs: settings.cartAbandonedAfterMs,
    purchaseTotals: (ids, since) => fromSource(SYSTEM, () => db.purchaseTotalsByAccounts(ids, since)),
    loaders: {
      accounts: keyedLoader(
        (ids) => fromSource(SYSTEM, () => db.accountsByIds(ids)),
        (row) => row.account_id,
      ),
      orders: pageLoader(
        (ids, first, after) => db.ordersByAccounts(ids, first, after),
        (o) => ({ at: o.placed_at, id: o.order_id }),
      ),
      lines: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.linesByOrders(ids)),
        (row) => row.order_id,
      ),
      purchases: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.purchasesByAccounts(ids)),
        (row) => row.account_id,
      ),
      quotes: pageLoader(
        (ids, first, after) => db.quotesByAccounts(ids, first, after),
        (q) => ({ at: q.created_at, id: q.quote_id }),
      ),
      quoteLines: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.linesByQuotes(ids)),
        (row) => row.quote_id,
      ),
      abandonedCarts: pageLoader(
        (ids, first, after) => db.abandonedCartsByAccounts(ids, idleSince, first, after),
        (c) => ({ at: c.updated_at, id: c.cart_id }),
      ),
      cartItems: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.itemsByCarts(ids)),
        (row) => row.cart_id,
      ),
      products: keyedLoader(
        (skus) => fromSource(SYSTEM, () => db.productsBySkus(skus)),
        (row) => row.sku,
      ),
    },
  };
}
