import DataLoader from 'dataloader';
import { badUserInput, fromSource } from '../../shared/src/errors';
import { packCursor, unpackCursor } from '../../shared/src/cursor';
import { groupedLoader, keyedLoader } from '../../shared/src/loaders';
import type { OrderConnectionModel } from './models';
import {
  SYSTEM,
  type AccountRow,
  type OrderLineRow,
  type OrdersAfter,
  type ShopDatabase,
} from './sources/shop-database';

export interface OrdersPageKey {
  accountId: number;
  first: number;
  after: string | null;
}

export interface CommerceContext {
  loaders: {
    accounts: DataLoader<number, AccountRow | null>;
    /** One page of orders per account; all accounts asking for the same page go in one query. */
    orders: DataLoader<OrdersPageKey, OrderConnectionModel, string>;
    lines: DataLoader<number, OrderLineRow[]>;
  };
}

export const encodeOrderCursor = (placedAt: Date, orderId: number) => packCursor([placedAt.toISOString(), orderId]);

export function decodeOrderCursor(cursor: string): OrdersAfter {
  const [placedAt, orderId] = unpackCursor(cursor) ?? [];
  if (typeof placedAt !== 'string' || !Number.isInteger(orderId) || Number.isNaN(Date.parse(placedAt))) {
    throw badUserInput(`Invalid after: expected an orders cursor (pageInfo.endCursor), received "${cursor}"`, 'after');
  }
  return { placedAt, orderId: orderId as number };
}

export function createContext(db: ShopDatabase): CommerceContext {
  return {
    loaders: {
      accounts: keyedLoader(
        (ids) => fromSource(SYSTEM, () => db.accountsByIds(ids)),
        (row) => row.account_id,
      ),
      orders: new DataLoader<OrdersPageKey, OrderConnectionModel, string>(
        async (keys) => {
          const groups = new Map<string, OrdersPageKey[]>();
          for (const key of keys) {
            const group = `${key.first}|${key.after ?? ''}`;
            groups.set(group, [...(groups.get(group) ?? []), key]);
          }
          const pages = new Map<string, OrderConnectionModel>();
          await Promise.all(
            [...groups.values()].map(async (group) => {
              const { first, after } = group[0]!;
              const rows = await fromSource(SYSTEM, () =>
                db.ordersByAccounts(
                  group.map((k) => k.accountId),
                  first,
                  after ? decodeOrderCursor(after) : null,
                ),
              );
              for (const key of group) {
                const own = rows.filter((r) => r.account_id === key.accountId);
                pages.set(pageKey(key), {
                  orders: own.slice(0, first),
                  hasNextPage: own.length > first,
                  totalCount: Number(own[0]?.total_count ?? 0),
                });
              }
            }),
          );
          return keys.map((key) => pages.get(pageKey(key)) ?? { orders: [], hasNextPage: false, totalCount: 0 });
        },
        { cacheKeyFn: pageKey },
      ),
      lines: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.linesByOrders(ids)),
        (row) => row.order_id,
      ),
    },
  };
}

function pageKey(key: OrdersPageKey): string {
  return `${key.accountId}|${key.first}|${key.after ?? ''}`;
}
