/**
 * Writes a generated dataset into the demo CRM (PostgreSQL) and web shop
 * (MariaDB). The databases and tables must exist: creating them is the
 * caller's job (the embedded start-up applies the schema.sql files under
 * demo/sources).
 */
import type { Pool as PgPool, PoolClient as PgClient } from 'pg';
import type { Pool as MysqlPool, PoolConnection as MysqlConnection } from 'mysql2/promise';
import type { CrmContact, DemoDataset, SalesOrder, SalesQuote, ShopAccount, ShopCart } from './generate';
import { copyRows, insertMysqlRows, type RowProgress } from './copy';
import { analyzeMysql, analyzePostgres } from './analyze';

/**
 * Progress of a seed: a phase (one source, or the generation) starts with the number of rows
 * (or other `unit`s) it writes; phases may run at the same time, each with its own bar.
 */
export interface SeedProgress {
  phase(name: string, total: number, unit?: string): PhaseProgress;
}

/** One phase's progress: `advance` adds what was written since the last call. */
export interface PhaseProgress {
  advance(count: number): void;
}

/** A cumulative row count (as copyRows reports it) turned into advances of a phase. */
export function advancing(phase: PhaseProgress | undefined): RowProgress {
  let last = 0;
  return (rows) => {
    phase?.advance(rows - last);
    last = rows;
  };
}

export interface SeedTargets {
  /** Pool on the CRM database (table `contacts`). */
  pg: PgPool;
  /** Pool on the shop database (accounts, orders, catalogue, quotes and carts: see demo/sources/commerce/schema.sql). */
  mysql: MysqlPool;
}

export interface LoadResult {
  crmContacts: number;
  shopAccounts: number;
  orders: number;
  orderLines: number;
  quotes: number;
  carts: number;
  ms: number;
}

const CONTACT_COLUMNS = [
  'contact_id',
  'first_name',
  'last_name',
  'email_personal',
  'email_work',
  'phone_mobile',
  'phone_work',
  'company',
  'job_title',
  'owner_name',
  'street',
  'city',
  'postcode',
  'country',
  'created_at',
  'updated_at',
] as const;

const contactRow = (c: CrmContact): unknown[] => [
  c.contactId,
  c.firstName,
  c.lastName,
  c.emailPersonal,
  c.emailWork,
  c.phoneMobile,
  c.phoneWork,
  c.company,
  c.jobTitle,
  c.ownerName,
  c.street,
  c.city,
  c.postcode,
  c.country,
  c.createdAt,
  c.updatedAt,
];

/**
 * DATETIME has no time zone: the shop stores UTC, written as a literal so that
 * neither the driver's nor the server's time zone setting can shift it.
 */
const mysqlDatetime = (iso: string): string => iso.replace('T', ' ').replace('Z', '');

const accountRow = (a: ShopAccount): unknown[] => [
  a.accountId,
  a.email,
  a.firstName,
  a.lastName,
  a.phone,
  a.country,
  mysqlDatetime(a.createdAt),
  mysqlDatetime(a.updatedAt),
];

const orderRow = (o: SalesOrder): unknown[] => [
  o.orderId,
  o.orderNumber,
  o.accountId,
  o.status,
  o.currency,
  o.totalAmount,
  mysqlDatetime(o.placedAt),
];

async function insertContacts(
  client: PgClient,
  contacts: readonly CrmContact[],
  progress?: PhaseProgress,
): Promise<void> {
  await copyRows(client, 'contacts', CONTACT_COLUMNS, contacts, contactRow, advancing(progress));
}

/** mysql2's `query` expands `VALUES ?` from an array of row arrays, a few thousand rows per statement. */
function inserter(conn: MysqlConnection, progress?: PhaseProgress) {
  return (table: string, columns: readonly string[], rows: unknown[][]) =>
    insertMysqlRows(conn, table, columns, rows, (r) => r, advancing(progress));
}

const quoteRow = (q: SalesQuote): unknown[] => [
  q.quoteId,
  q.quoteNumber,
  q.accountId,
  q.status,
  q.currency,
  q.totalAmount,
  q.validUntil,
  q.salesRep,
  mysqlDatetime(q.createdAt),
  mysqlDatetime(q.updatedAt),
];

const cartRow = (c: ShopCart): unknown[] => [
  c.cartId,
  c.accountId,
  c.isActive ? 1 : 0,
  c.itemsCount,
  c.itemsQty,
  c.currency,
  c.subtotal,
  c.reservedOrderId,
  c.convertedAt && mysqlDatetime(c.convertedAt),
  mysqlDatetime(c.createdAt),
  mysqlDatetime(c.updatedAt),
];

/** The shop's tables, children first, though the schema declares no foreign keys. */
const SHOP_TABLES = [
  'cart_item',
  'cart',
  'sales_quote_line',
  'sales_quote',
  'product_price',
  'product',
  'sales_order_line',
  'sales_order',
  'customer_account',
] as const;

async function loadShop(conn: MysqlConnection, ds: DemoDataset, progress?: PhaseProgress): Promise<void> {
  for (const table of SHOP_TABLES) await conn.query(`DELETE FROM ${table}`);
  const insertMysql = inserter(conn, progress);
  const { accounts, orders, products, quotes, carts } = ds.commerce;
  await insertMysql(
    'customer_account',
    ['account_id', 'email', 'first_name', 'last_name', 'phone', 'country', 'created_at', 'updated_at'],
    accounts.map(accountRow),
  );
  await insertMysql(
    'sales_order',
    ['order_id', 'order_number', 'account_id', 'status', 'currency', 'total_amount', 'placed_at'],
    orders.map(orderRow),
  );
  await insertMysql(
    'sales_order_line',
    ['order_id', 'line_no', 'sku', 'product_name', 'quantity', 'unit_price'],
    orders.flatMap((o) => o.lines.map((l) => [o.orderId, l.lineNo, l.sku, l.productName, l.quantity, l.unitPrice])),
  );
  await insertMysql(
    'product',
    ['product_id', 'sku', 'name', 'category', 'brand', 'status', 'created_at', 'updated_at'],
    products.map((p) => [
      p.productId,
      p.sku,
      p.name,
      p.category,
      p.brand,
      p.status,
      mysqlDatetime(p.createdAt),
      mysqlDatetime(p.updatedAt),
    ]),
  );
  await insertMysql(
    'product_price',
    ['product_id', 'currency', 'list_price'],
    products.flatMap((p) => p.prices.map((price) => [p.productId, price.currency, price.listPrice])),
  );
  await insertMysql(
    'sales_quote',
    [
      'quote_id',
      'quote_number',
      'account_id',
      'status',
      'currency',
      'total_amount',
      'valid_until',
      'sales_rep',
      'created_at',
      'updated_at',
    ],
    quotes.map(quoteRow),
  );
  await insertMysql(
    'sales_quote_line',
    [
      'quote_id',
      'line_no',
      'product_id',
      'sku',
      'product_name',
      'quantity',
      'unit_price',
      'discount_percent',
      'row_total',
    ],
    quotes.flatMap((q) =>
      q.lines.map((l) => [
        q.quoteId,
        l.lineNo,
        l.productId,
        l.sku,
        l.productName,
        l.quantity,
        l.unitPrice,
        l.discountPercent,
        l.rowTotal,
      ]),
    ),
  );
  await insertMysql(
    'cart',
    [
      'cart_id',
      'account_id',
      'is_active',
      'items_count',
      'items_qty',
      'currency',
      'subtotal',
      'reserved_order_id',
      'converted_at',
      'created_at',
      'updated_at',
    ],
    carts.map(cartRow),
  );
  await insertMysql(
    'cart_item',
    ['item_id', 'cart_id', 'product_id', 'sku', 'name', 'qty', 'price', 'row_total', 'created_at', 'updated_at'],
    carts.flatMap((c) =>
      c.items.map((i) => [
        i.itemId,
        c.cartId,
        i.productId,
        i.sku,
        i.name,
        i.qty,
        i.price,
        i.rowTotal,
        mysqlDatetime(i.createdAt),
        mysqlDatetime(i.updatedAt),
      ]),
    ),
  );
}

/** Rows the CRM and the shop receive of this dataset. */
export function datasetRows(ds: DemoDataset): number {
  const { accounts, orders, products, quotes, carts } = ds.commerce;
  return (
    ds.crm.contacts.length +
    accounts.length +
    orders.length +
    ds.stats.orderLines +
    products.length +
    products.reduce((n, p) => n + p.prices.length, 0) +
    quotes.length +
    quotes.reduce((n, q) => n + q.lines.length, 0) +
    carts.length +
    carts.reduce((n, c) => n + c.items.length, 0)
  );
}

/**
 * Replaces the content of both source systems with the dataset, one
 * transaction per database. Both are filled concurrently and committed only
 * once both succeeded, so a failure on either side leaves both untouched
 * (short of a crash between the two commits).
 */
export async function loadDataset(
  ds: DemoDataset,
  targets: SeedTargets,
  log: (msg: string) => void = () => undefined,
  progress?: SeedProgress,
): Promise<LoadResult> {
  const phase = progress?.phase('crm+commerce', datasetRows(ds));
  const started = process.hrtime.bigint();
  const pgClient = await targets.pg.connect();
  let mysqlConn: MysqlConnection | undefined;
  let pgOpen = false;
  let mysqlOpen = false;
  let failed = false;
  try {
    mysqlConn = await targets.mysql.getConnection();
    const conn = mysqlConn;
    await pgClient.query('BEGIN');
    pgOpen = true;
    await conn.beginTransaction();
    mysqlOpen = true;
    // allSettled, not all: rolling back while the other side still inserts
    // would let its remaining chunks run outside any transaction.
    const outcomes = await Promise.allSettled([
      (async () => {
        await pgClient.query('DELETE FROM contacts');
        await insertContacts(pgClient, ds.crm.contacts, phase);
      })(),
      loadShop(conn, ds, phase),
    ]);
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
    await pgClient.query('COMMIT');
    pgOpen = false;
    await conn.commit();
    mysqlOpen = false;
    await Promise.all([analyzePostgres(pgClient), analyzeMysql(conn)]);
  } catch (err) {
    failed = true;
    await Promise.allSettled([pgOpen && pgClient.query('ROLLBACK'), mysqlOpen && mysqlConn?.rollback()]);
    throw err;
  } finally {
    // A client that failed mid-transaction is discarded rather than reused.
    pgClient.release(failed);
    mysqlConn?.release();
  }

  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const result: LoadResult = {
    crmContacts: ds.crm.contacts.length,
    shopAccounts: ds.commerce.accounts.length,
    orders: ds.commerce.orders.length,
    orderLines: ds.stats.orderLines,
    quotes: ds.commerce.quotes.length,
    carts: ds.commerce.carts.length,
    ms,
  };
  log(
    `seed: crm ${result.crmContacts} contacts, commerce ${result.shopAccounts} accounts, ` +
      `${result.orders} orders (${result.orderLines} lines), ${result.quotes} quotes, ${result.carts} carts in ${ms} ms`,
  );
  return result;
}
