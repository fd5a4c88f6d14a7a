/**
 * Writes a generated dataset into the demo CRM (PostgreSQL) and web shop
 * (MariaDB). The databases and tables must exist: creating them is the
 * caller's job (the embedded start-up applies the schema.sql files under
 * demo/sources).
 */
import type { Pool as PgPool, PoolClient as PgClient } from 'pg';
import type { Pool as MysqlPool, PoolConnection as MysqlConnection } from 'mysql2/promise';
import type { CrmContact, DemoDataset, SalesOrder, ShopAccount } from './generate';

export interface SeedTargets {
  /** Pool on the CRM database (table `contacts`). */
  pg: PgPool;
  /** Pool on the shop database (tables `customer_account`, `sales_order`, `sales_order_line`). */
  mysql: MysqlPool;
}

export interface LoadResult {
  crmContacts: number;
  shopAccounts: number;
  orders: number;
  orderLines: number;
  ms: number;
}

/** Rows per INSERT: few round trips, and well under PostgreSQL's 65535 parameters. */
const CHUNK_ROWS = 500;

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

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) out.push(rows.slice(i, i + CHUNK_ROWS));
  return out;
}

async function insertContacts(client: PgClient, contacts: readonly CrmContact[]): Promise<void> {
  const width = CONTACT_COLUMNS.length;
  for (const chunk of chunks(contacts)) {
    const tuples = chunk.map((_, r) => `(${CONTACT_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
    await client.query(
      `INSERT INTO contacts (${CONTACT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
      chunk.flatMap(contactRow),
    );
  }
}

/** mysql2's `query` expands `VALUES ?` from an array of row arrays. */
async function insertMysql(
  conn: MysqlConnection,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  for (const chunk of chunks(rows)) {
    await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [chunk]);
  }
}

async function loadShop(conn: MysqlConnection, ds: DemoDataset): Promise<void> {
  // Children first, though the schema declares no foreign keys.
  await conn.query('DELETE FROM sales_order_line');
  await conn.query('DELETE FROM sales_order');
  await conn.query('DELETE FROM customer_account');
  const { accounts, orders } = ds.commerce;
  await insertMysql(
    conn,
    'customer_account',
    ['account_id', 'email', 'first_name', 'last_name', 'phone', 'country', 'created_at', 'updated_at'],
    accounts.map(accountRow),
  );
  await insertMysql(
    conn,
    'sales_order',
    ['order_id', 'order_number', 'account_id', 'status', 'currency', 'total_amount', 'placed_at'],
    orders.map(orderRow),
  );
  await insertMysql(
    conn,
    'sales_order_line',
    ['order_id', 'line_no', 'sku', 'product_name', 'quantity', 'unit_price'],
    orders.flatMap((o) => o.lines.map((l) => [o.orderId, l.lineNo, l.sku, l.productName, l.quantity, l.unitPrice])),
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
): Promise<LoadResult> {
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
        await insertContacts(pgClient, ds.crm.contacts);
      })(),
      loadShop(conn, ds),
    ]);
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
    await pgClient.query('COMMIT');
    pgOpen = false;
    await conn.commit();
    mysqlOpen = false;
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
    ms,
  };
  log(
    `seed: crm ${result.crmContacts} contacts, commerce ${result.shopAccounts} accounts, ` +
      `${result.orders} orders (${result.orderLines} lines) in ${ms} ms`,
  );
  return result;
}
