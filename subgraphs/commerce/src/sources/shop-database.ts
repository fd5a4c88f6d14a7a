import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import type { FeedPosition, ObservedIdentifier, ObservedRecord } from '../../../shared/src/feed';

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

export interface OrderRow {
  order_id: number;
  order_number: string;
  account_id: number;
  status: string;
  currency: string;
  total_amount: string;
  placed_at: Date;
  total_count: number;
}

export interface OrderLineRow {
  order_id: number;
  line_no: number;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price: string;
}

/** Where an orders page starts: strictly before this order. */
export interface OrdersAfter {
  placedAt: string;
  orderId: number;
}

/** The demo web shop's MariaDB database: the only code that talks to it. */
export class ShopDatabase {
  /** Counts round trips, so that tests can prove batching. */
  queries = 0;

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
    this.queries += 1;
    const [rows] = await this.pool.query<RowDataPacket[]>({ sql, values, timeout: this.timeoutMs });
    return rows as T[];
  }

  accountsByIds(ids: readonly number[]): Promise<AccountRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<AccountRow>('SELECT * FROM customer_account WHERE account_id IN (?)', [ids]);
  }

  /**
   * The first `first + 1` orders of each account (the extra one tells whether
   * a next page exists), most recent first, with each account's total count:
   * one query for all accounts of a request.
   */
  ordersByAccounts(accountIds: readonly number[], first: number, after: OrdersAfter | null): Promise<OrderRow[]> {
    return this.query<OrderRow>(
      `SELECT * FROM (
         SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t.account_id ORDER BY t.placed_at DESC, t.order_id DESC) AS rn
         FROM (
           SELECT o.*, COUNT(*) OVER (PARTITION BY o.account_id) AS total_count
           FROM sales_order o WHERE o.account_id IN (?)
         ) t
         WHERE ? OR (t.placed_at, t.order_id) < (?, ?)
       ) p
       WHERE p.rn <= ?
       ORDER BY p.account_id, p.rn`,
      [accountIds, after === null, after ? new Date(after.placedAt) : null, after?.orderId ?? null, first + 1],
    );
  }

  linesByOrders(orderIds: readonly number[]): Promise<OrderLineRow[]> {
    return this.query<OrderLineRow>('SELECT * FROM sales_order_line WHERE order_id IN (?) ORDER BY order_id, line_no', [
      orderIds,
    ]);
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
      identifiers: identifiersOf(row),
    }));
    const positions = rows.map((row) => ({ updatedAt: row.updated_at.toISOString(), localId: String(row.account_id) }));
    return { records, positions };
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
