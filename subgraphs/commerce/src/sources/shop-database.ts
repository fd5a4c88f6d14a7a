import mysql, { type Pool, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import type { FeedPosition, ObservedIdentifier, ObservedRecord } from '@c360/kit/feed';
import { inTransaction } from '@c360/kit/mysql';

export const SYSTEM = 'commerce';

export interface AccountRow {
  account_id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  country: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What a per-account page query adds to each row: the account's total and whether the row is on the page. */
export interface PagedRow {
  account_id: number;
  /** How many rows the account has in all (matching the query's filter, whatever the cursor). */
  total_count: number;
  /** 1 when the row comes after the cursor; 0 for a row returned only to carry `total_count`. */
  in_page: number;
}

export interface OrderRow extends PagedRow {
  order_id: number;
  order_number: string;
  status: string;
  currency: string;
  total_amount: string;
  placed_at: Date;
}

/** An order that counts as a purchase, reduced to what KPIs need. */
export interface PurchaseRow {
  account_id: number;
  order_id: number;
  order_number: string;
  currency: string;
  total_amount: string;
  placed_at: Date;
}

/** One account's purchases in one currency, aggregated (DECIMAL sums come back as strings). */
export interface PurchaseTotalsRow {
  account_id: number;
  currency: string;
  n: number | string;
  cents: number | string;
  n_since: number | string;
  cents_since: number | string;
  first_at: Date;
  last_at: Date;
}

export interface OrderLineRow {
  order_id: number;
  line_no: number;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price: string;
}

export interface QuoteRow extends PagedRow {
  quote_id: number;
  quote_number: string;
  status: string;
  currency: string;
  total_amount: string;
  valid_until: Date;
  sales_rep: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface QuoteLineRow {
  quote_id: number;
  line_no: number;
  product_id: number | null;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price: string;
  discount_percent: string;
  row_total: string;
}

export interface CartRow extends PagedRow {
  cart_id: number;
  is_active: number;
  items_count: number;
  items_qty: number;
  currency: string;
  subtotal: string;
  created_at: Date;
  updated_at: Date;
}

export interface CartItemRow {
  item_id: number;
  cart_id: number;
  product_id: number | null;
  sku: string;
  name: string;
  qty: number;
  price: string;
  row_total: string;
  created_at: Date;
  updated_at: Date;
}

/** A catalogue product with its list prices, one per currency. */
export interface ProductRow {
  product_id: number;
  sku: string;
  name: string;
  category: string | null;
  brand: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
  prices: { currency: string; list_price: string }[];
}

/** Where a page starts: strictly after this row in newest-first order. */
export interface PagePosition {
  at: Date;
  id: number;
}

/** The newest-first, per-account lists the shop pages through, and how to read each. */
const PAGED = {
  orders: { table: 'sales_order', time: 'placed_at', id: 'order_id', filter: 'TRUE' },
  quotes: { table: 'sales_quote', time: 'created_at', id: 'quote_id', filter: 'TRUE' },
  // An active cart (not converted into an order) with products in it, that
  // nobody touched since the cut-off: how the shop defines an abandoned cart.
  abandonedCarts: { table: 'cart', time: 'updated_at', id: 'cart_id', filter: 'x.is_active = 1 AND x.items_count > 0' },
} as const;

/** The demo web shop's MariaDB database: the only code that talks to it. */
/** The account erased customers' orders are moved to: it holds no person, and no account row exists for it. */
export const ERASED_ACCOUNT_ID = 0;

export class ShopDatabase {
  /** Round trips to MariaDB, every one of them, so that tests can prove batching. */
  readonly stats = { queries: 0 };

  constructor(
    readonly pool: Pool,
    private readonly timeoutMs: number,
  ) {}

  static connect(url: string, timeoutMs: number): ShopDatabase {
    const pool = mysql.createPool({
      uri: url,
      connectionLimit: 10,
      connectTimeout: timeoutMs,
      timezone: 'Z',
      // DECIMAL stays a string: money is never a float.
      decimalNumbers: false,
    });
    return new ShopDatabase(pool, timeoutMs);
  }

  private async query<T>(sql: string, values: unknown[]): Promise<T[]> {
    this.stats.queries += 1;
    const [rows] = await this.pool.query<RowDataPacket[]>({ sql, values, timeout: this.timeoutMs });
    return rows as T[];
  }

  accountsByIds(ids: readonly number[]): Promise<AccountRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<AccountRow>('SELECT * FROM customer_account WHERE account_id IN (?)', [ids]);
  }

  /**
   * One page per account, newest first, in one query for all accounts: the
   * first `first + 1` rows after the cursor (the extra one tells whether a
   * next page exists), each with the account's total count. When fewer rows
   * follow the cursor, rows before it fill the gap with `in_page = 0`, so that
   * an account paged to its end still reports its total.
   */
  private pageByAccounts<T extends PagedRow>(
    list: keyof typeof PAGED,
    accountIds: readonly number[],
    first: number,
    after: PagePosition | null,
    extraFilter = 'TRUE',
    extraValues: unknown[] = [],
  ): Promise<T[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    const { table, time, id, filter } = PAGED[list];
    return this.query<T>(
      `SELECT * FROM (
         SELECT t.*, ROW_NUMBER() OVER (
           PARTITION BY t.account_id ORDER BY t.in_page DESC, t.${time} DESC, t.${id} DESC) AS rn
         FROM (
           SELECT x.*, COUNT(*) OVER (PARTITION BY x.account_id) AS total_count,
                  (? OR (x.${time}, x.${id}) < (?, ?)) AS in_page
           FROM ${table} x WHERE x.account_id IN (?) AND ${filter} AND ${extraFilter}
         ) t
       ) p
       WHERE p.rn <= ?
       ORDER BY p.account_id, p.rn`,
      [after === null, after?.at ?? null, after?.id ?? null, accountIds, ...extraValues, first + 1],
    );
  }

  /** Orders of many accounts, most recently placed first. */
  ordersByAccounts(accountIds: readonly number[], first: number, after: PagePosition | null): Promise<OrderRow[]> {
    return this.pageByAccounts<OrderRow>('orders', accountIds, first, after);
  }

  /**
   * Every order of many accounts that counts as a purchase (not cancelled or
   * refunded), oldest first, in one query: the input of omnichannel KPIs.
   */
  purchasesByAccounts(accountIds: readonly number[]): Promise<PurchaseRow[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.query<PurchaseRow>(
      `SELECT account_id, order_id, order_number, currency, total_amount, placed_at FROM sales_order
       WHERE account_id IN (?) AND status NOT IN ('cancelled', 'refunded')
       ORDER BY placed_at, order_id`,
      [accountIds],
    );
  }

  /**
   * The purchases of many accounts (orders not cancelled or refunded, as in
   * purchasesByAccounts) aggregated per account and currency in one GROUP BY:
   * count and sum in minor units, those at or after `since`, first and last.
   * What the audience engine needs instead of every order.
   */
  purchaseTotalsByAccounts(accountIds: readonly number[], since: Date): Promise<PurchaseTotalsRow[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.query<PurchaseTotalsRow>(
      `SELECT account_id, currency, COUNT(*) AS n, SUM(ROUND(total_amount * 100)) AS cents,
              SUM(placed_at >= ?) AS n_since, SUM(IF(placed_at >= ?, ROUND(total_amount * 100), 0)) AS cents_since,
              MIN(placed_at) AS first_at, MAX(placed_at) AS last_at
       FROM sales_order
       WHERE account_id IN (?) AND status NOT IN ('cancelled', 'refunded')
       GROUP BY account_id, currency`,
      [since, since, accountIds],
    );
  }

  linesByOrders(orderIds: readonly number[]): Promise<OrderLineRow[]> {
    return this.query<OrderLineRow>('SELECT * FROM sales_order_line WHERE order_id IN (?) ORDER BY order_id, line_no', [
      orderIds,
    ]);
  }

  /** Quotes of many accounts, most recently created first. */
  quotesByAccounts(accountIds: readonly number[], first: number, after: PagePosition | null): Promise<QuoteRow[]> {
    return this.pageByAccounts<QuoteRow>('quotes', accountIds, first, after);
  }

  linesByQuotes(quoteIds: readonly number[]): Promise<QuoteLineRow[]> {
    return this.query<QuoteLineRow>('SELECT * FROM sales_quote_line WHERE quote_id IN (?) ORDER BY quote_id, line_no', [
      quoteIds,
    ]);
  }

  /**
   * Abandoned carts of many accounts, most recently active first: active
   * carts with items whose last change is older than `idleSince`.
   */
  abandonedCartsByAccounts(
    accountIds: readonly number[],
    idleSince: Date,
    first: number,
    after: PagePosition | null,
  ): Promise<CartRow[]> {
    return this.pageByAccounts<CartRow>('abandonedCarts', accountIds, first, after, 'x.updated_at < ?', [idleSince]);
  }

  itemsByCarts(cartIds: readonly number[]): Promise<CartItemRow[]> {
    return this.query<CartItemRow>(
      'SELECT * FROM cart_item WHERE cart_id IN (?) ORDER BY cart_id, created_at, item_id',
      [cartIds],
    );
  }

  /** Catalogue products by SKU with their list prices, in one round trip. */
  async productsBySkus(skus: readonly string[]): Promise<ProductRow[]> {
    if (skus.length === 0) return [];
    const rows = await this.query<Omit<ProductRow, 'prices'> & { currency: string | null; list_price: string | null }>(
      `SELECT p.*, pp.currency, pp.list_price
       FROM product p LEFT JOIN product_price pp ON pp.product_id = p.product_id
       WHERE p.sku IN (?) ORDER BY p.product_id, pp.currency`,
      [skus],
    );
    const products = new Map<number, ProductRow>();
    for (const { currency, list_price, ...product } of rows) {
      let entry = products.get(product.product_id);
      if (!entry) products.set(product.product_id, (entry = { ...product, prices: [] }));
      if (currency !== null && list_price !== null) entry.prices.push({ currency, list_price });
    }
    return [...products.values()];
  }

  /** Accounts changed after the watermark, oldest change first, with their identifiers. */
  async feed(after: FeedPosition | null, limit: number) {
    const rows = after
      ? await this.query<AccountRow>(
          `SELECT * FROM customer_account WHERE (updated_at, account_id) > (?, ?)
           ORDER BY updated_at, account_id LIMIT ?`,
          [new Date(after.updatedAt), Number(after.localId), limit],
        )
      : await this.query<AccountRow>('SELECT * FROM customer_account ORDER BY updated_at, account_id LIMIT ?', [limit]);
    const records: ObservedRecord[] = rows.map((row) => ({
      system: SYSTEM,
      localId: String(row.account_id),
      observedAt: row.updated_at.toISOString(),
      name: [row.first_name, row.last_name].filter(Boolean).join(' ') || null,
      match: { givenName: row.first_name, familyName: row.last_name, country: row.country },
      identifiers: identifiersOf(row),
    }));
    const positions = rows.map((row) => ({ updatedAt: row.updated_at.toISOString(), localId: String(row.account_id) }));
    return { records, positions };
  }

  /**
   * Right to erasure, in one transaction: deletes the accounts (name, email,
   * phone), their carts, quotes and their lines. Orders are the shop's
   * accounting records, which it must keep: they are anonymised instead,
   * moved to account 0 (ERASED_ACCOUNT_ID, which holds no person), so that
   * nothing links them to the person any more. Ids that are not accounts
   * are nothing to do.
   */
  async erase(localIds: string[]): Promise<number> {
    const ids = localIds.filter((id) => /^\d+$/.test(id)).map(Number);
    if (ids.length === 0) return 0;
    this.stats.queries += 1;
    return inTransaction(this.pool, async (connection) => {
      const run = (sql: string) => connection.query<ResultSetHeader>({ sql, values: [ids], timeout: this.timeoutMs });
      await run('DELETE ci FROM cart_item ci JOIN cart c ON c.cart_id = ci.cart_id WHERE c.account_id IN (?)');
      await run('DELETE FROM cart WHERE account_id IN (?)');
      await run(
        'DELETE ql FROM sales_quote_line ql JOIN sales_quote q ON q.quote_id = ql.quote_id WHERE q.account_id IN (?)',
      );
      await run('DELETE FROM sales_quote WHERE account_id IN (?)');
      await connection.query({
        sql: 'UPDATE sales_order SET account_id = ? WHERE account_id IN (?)',
        values: [ERASED_ACCOUNT_ID, ids],
        timeout: this.timeoutMs,
      });
      const [deleted] = await run('DELETE FROM customer_account WHERE account_id IN (?)');
      return deleted.affectedRows;
    });
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1', []);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function identifiersOf(row: AccountRow): ObservedIdentifier[] {
  const ids: ObservedIdentifier[] = [];
  if (row.email?.trim()) ids.push({ kind: 'EMAIL', value: row.email });
  if (row.phone?.trim()) ids.push({ kind: 'PHONE', value: row.phone, region: row.country?.trim() || null });
  return ids;
}
