import mysql from 'mysql2/promise';
import { encodeCursor } from '@c360/kit/feed';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { startCommerceSubgraph } from '.';

const logger = createLogger('silent');
const url = TEST_ENV.COMMERCE_DATABASE_URL!;
// Ids far above the seeded ones, random per run, so that runs never collide.
const base = 900_000_000 + Math.floor(Math.random() * 90_000_000);
const [acc1, acc2, acc3, acc4] = [base, base + 1, base + 2, base + 3];
const orderIds = [base, base + 1, base + 2];
const quoteIds = [base, base + 1, base + 2, base + 3];
const cartIds = [base, base + 1, base + 2, base + 3, base + 4, base + 5];
const itemIds = [base, base + 1, base + 2, base + 3];
const productIds = [base, base + 1];
const [skuA, skuB] = [`T${base}A`, `T${base}B`];
/** The clock the subgraph judges abandonment by: carts idle since before 2025-05-31T12:00Z are abandoned. */
const NOW = Date.parse('2025-06-01T12:00:00.000Z');
let db: mysql.Pool;
let shop: Awaited<ReturnType<typeof startCommerceSubgraph>>;

const customer = (id: string, ...accounts: number[]) => ({
  __typename: 'Customer',
  id,
  sourceRecords: accounts.map((a) => ({ system: 'commerce', localId: String(a) })),
});

const CUSTOMER_ORDERS = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        shopAccounts {
          accountId
          email
          country
          orders(first: $first, after: $after) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              node {
                orderNumber
                status
                placedAt
                total {
                  amount
                  currency
                }
                lines {
                  sku
                  quantity
                  unitPrice {
                    amount
                    currency
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

const ACCOUNT_QUOTES = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on ShopAccount {
        accountId
        quotes(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              quoteNumber
              status
              validUntil
              salesRep
              createdAt
              updatedAt
              total {
                amount
                currency
              }
              lines {
                sku
                productName
                quantity
                discountPercent
                unitPrice {
                  amount
                  currency
                }
                lineTotal {
                  amount
                  currency
                }
                product {
                  sku
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`;

const CART_FIELDS = /* GraphQL */ `
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      cartId
      accountId
      createdAt
      updatedAt
      abandonedSince
      itemCount
      subtotal {
        amount
        currency
      }
      items {
        sku
        productName
        quantity
        addedAt
        unitPrice {
          amount
          currency
        }
        product {
          sku
          brand
          onSale
        }
      }
    }
  }
`;

const ACCOUNT_CARTS = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on ShopAccount {
        accountId
        abandonedCarts(first: $first, after: $after) { ${CART_FIELDS} }
      }
    }
  }
`;

const CUSTOMER_CARTS = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        abandonedShopCarts(first: $first, after: $after) { ${CART_FIELDS} }
      }
    }
  }
`;

const cartIdsOf = (connection: { edges: { node: { cartId: string } }[] }) =>
  connection.edges.map((e) => Number(e.node.cartId));

async function insert(table: string, columns: string[], rows: unknown[][]): Promise<void> {
  await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows]);
}

beforeAll(async () => {
  db = mysql.createPool({ uri: url, timezone: 'Z' });
  await db.query(
    `INSERT INTO customer_account (account_id, email, first_name, last_name, phone, country, created_at, updated_at) VALUES
     (?, 'ann@example.com', 'Ann', 'Smith', '+44 7911 123456', 'GB', '2024-01-01', '2024-02-01'),
     (?, 'bob@example.com', 'Bob', 'Jones', NULL, 'FR', '2024-01-02', '2024-02-02')`,
    [acc1, acc2],
  );
  await db.query(
    `INSERT INTO sales_order (order_id, order_number, account_id, status, currency, total_amount, placed_at) VALUES
     (?, ?, ?, 'delivered', 'GBP', 30.00, '2024-03-01'),
     (?, ?, ?, 'shipped', 'GBP', 12.50, '2024-04-01'),
     (?, ?, ?, 'placed', 'EUR', 5.00, '2024-05-01')`,
    [
      orderIds[0],
      `T-${orderIds[0]}`,
      acc1,
      orderIds[1],
      `T-${orderIds[1]}`,
      acc1,
      orderIds[2],
      `T-${orderIds[2]}`,
      acc2,
    ],
  );
  await db.query(
    `INSERT INTO sales_order_line (order_id, line_no, sku, product_name, quantity, unit_price) VALUES
     (?, 1, 'SKU-1', 'Mug', 2, 10.00), (?, 2, 'SKU-2', 'Tea', 1, 10.00), (?, 1, 'SKU-3', 'Pen', 5, 2.50), (?, 1, ?, 'Card', 1, 5.00)`,
    [orderIds[0], orderIds[0], orderIds[1], orderIds[2], skuA],
  );
  await insert(
    'product',
    ['product_id', 'sku', 'name', 'category', 'brand', 'status', 'created_at', 'updated_at'],
    [
      [productIds[0], skuA, 'Desk lamp', 'Home', 'Norrland', 'enabled', '2024-01-01', '2024-06-01'],
      [productIds[1], skuB, 'Old lamp', 'Home', 'Norrland', 'disabled', '2024-01-01', '2024-06-01'],
    ],
  );
  await insert(
    'product_price',
    ['product_id', 'currency', 'list_price'],
    [
      [productIds[0], 'EUR', '10.00'],
      [productIds[0], 'GBP', '8.50'],
      [productIds[1], 'EUR', '7.50'],
    ],
  );
  await insert(
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
    [
      [
        quoteIds[0],
        `TQ-${quoteIds[0]}`,
        acc1,
        'expired',
        'EUR',
        '10.00',
        '2025-02-09',
        null,
        '2025-01-10',
        '2025-02-10',
      ],
      [quoteIds[1], `TQ-${quoteIds[1]}`, acc1, 'draft', 'EUR', '10.00', '2025-03-12', null, '2025-02-10', '2025-02-10'],
      [
        quoteIds[2],
        `TQ-${quoteIds[2]}`,
        acc1,
        'sent',
        'EUR',
        '195.00',
        '2025-04-09',
        'Claire Fontaine',
        '2025-03-10 09:30:00',
        '2025-03-11 08:00:00',
      ],
      [
        quoteIds[3],
        `TQ-${quoteIds[3]}`,
        acc2,
        'accepted',
        'EUR',
        '10.00',
        '2025-05-01',
        null,
        '2025-04-01',
        '2025-04-02',
      ],
    ],
  );
  await insert(
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
    [
      [quoteIds[0], 1, productIds[0], skuA, 'Desk lamp', 1, '10.00', '0', '10.00'],
      [quoteIds[1], 1, productIds[0], skuA, 'Desk lamp', 1, '10.00', '0', '10.00'],
      [quoteIds[2], 1, productIds[0], skuA, 'Desk lamp', 20, '10.00', '5.00', '190.00'],
      // A product since removed from the catalogue: the line keeps its snapshot.
      [quoteIds[2], 2, null, 'T-GONE', 'Gift wrap', 1, '5.00', '0', '5.00'],
      [quoteIds[3], 1, productIds[0], skuA, 'Desk lamp', 1, '10.00', '0', '10.00'],
    ],
  );
  await insert(
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
    [
      // acc1: two abandoned carts, one still in use, one checked out, one empty.
      [cartIds[0], acc1, 1, 1, 2, 'GBP', '17.00', null, null, '2025-05-30 09:00:00', '2025-05-30 10:00:00'],
      [cartIds[1], acc1, 1, 2, 2, 'GBP', '15.50', null, null, '2025-05-19 09:00:00', '2025-05-20 10:00:00'],
      [cartIds[2], acc1, 1, 1, 1, 'GBP', '8.50', null, null, '2025-06-01 10:00:00', '2025-06-01 11:00:00'],
      [cartIds[3], acc1, 0, 1, 1, 'GBP', '8.50', `T-${orderIds[0]}`, '2025-05-01', '2025-04-30', '2025-05-01'],
      [cartIds[4], acc1, 1, 0, 0, 'GBP', '0.00', null, null, '2025-01-01', '2025-01-01'],
      // acc2: one abandoned cart.
      [cartIds[5], acc2, 1, 1, 3, 'EUR', '22.50', null, null, '2025-05-25 08:00:00', '2025-05-25 09:00:00'],
    ],
  );
  await insert(
    'cart_item',
    ['item_id', 'cart_id', 'product_id', 'sku', 'name', 'qty', 'price', 'row_total', 'created_at', 'updated_at'],
    [
      [
        itemIds[0],
        cartIds[0],
        productIds[0],
        skuA,
        'Desk lamp',
        2,
        '8.50',
        '17.00',
        '2025-05-30 10:00:00',
        '2025-05-30 10:00:00',
      ],
      [
        itemIds[1],
        cartIds[1],
        productIds[1],
        skuB,
        'Old lamp',
        1,
        '7.00',
        '7.00',
        '2025-05-19 09:05:00',
        '2025-05-19 09:05:00',
      ],
      [
        itemIds[2],
        cartIds[1],
        productIds[0],
        skuA,
        'Desk lamp',
        1,
        '8.50',
        '8.50',
        '2025-05-20 10:00:00',
        '2025-05-20 10:00:00',
      ],
      [
        itemIds[3],
        cartIds[5],
        productIds[1],
        skuB,
        'Old lamp',
        3,
        '7.50',
        '22.50',
        '2025-05-25 09:00:00',
        '2025-05-25 09:00:00',
      ],
    ],
  );
  shop = await startCommerceSubgraph({ databaseUrl: url, logger, host: '127.0.0.1', port: 0, now: () => NOW });
});

afterAll(async () => {
  await shop.stop();
  await db.query('DELETE FROM cart_item WHERE item_id IN (?)', [itemIds]);
  await db.query('DELETE FROM cart WHERE cart_id IN (?)', [cartIds]);
  await db.query('DELETE FROM sales_quote_line WHERE quote_id IN (?)', [quoteIds]);
  await db.query('DELETE FROM sales_quote WHERE quote_id IN (?)', [quoteIds]);
  await db.query('DELETE FROM product_price WHERE product_id IN (?)', [productIds]);
  await db.query('DELETE FROM product WHERE product_id IN (?)', [productIds]);
  await db.query('DELETE FROM sales_order_line WHERE order_id IN (?)', [orderIds]);
  await db.query('DELETE FROM sales_order WHERE order_id IN (?)', [orderIds]);
  await db.query('DELETE FROM customer_account WHERE account_id IN (?)', [[acc1, acc2, acc3, acc4]]);
  await db.end();
});

describe('commerce subgraph contract', () => {
  it('publishes its SDL with the Customer extensions', async () => {
    const res = await postGraphQL(shop.url, '{ _service { sdl } }');
    expect(res.data?._service.sdl).toContain(
      'shopAccounts: [ShopAccount!] @requires(fields: "sourceRecords { system localId }")',
    );
    expect(res.data?._service.sdl).toContain(
      '): AbandonedShopCartConnection @requires(fields: "sourceRecords { system localId }")',
    );
  });

  it('resolves accounts, paginated orders and lines for many customers in one query per level', async () => {
    const before = shop.db.stats.queries;
    const res = await postGraphQL(shop.url, CUSTOMER_ORDERS, {
      first: 1,
      r: [
        {
          __typename: 'Customer',
          id: 'c1',
          sourceRecords: [
            { system: 'commerce', localId: String(acc1) },
            { system: 'crm', localId: 'CRM-1' },
          ],
        },
        { __typename: 'Customer', id: 'c2', sourceRecords: [{ system: 'commerce', localId: String(acc2) }] },
        { __typename: 'Customer', id: 'c3', sourceRecords: [] },
      ],
    });
    expect(res.errors).toBeUndefined();
    const [c1, c2, c3] = res.data!._entities;
    expect(c1.shopAccounts).toEqual([
      {
        accountId: String(acc1),
        email: 'ann@example.com',
        country: 'GB',
        orders: {
          totalCount: 2,
          pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
          edges: [
            {
              node: {
                orderNumber: `T-${orderIds[1]}`,
                status: 'shipped',
                placedAt: '2024-04-01T00:00:00.000Z',
                total: { amount: '12.50', currency: 'GBP' },
                lines: [{ sku: 'SKU-3', quantity: 5, unitPrice: { amount: '2.50', currency: 'GBP' } }],
              },
            },
          ],
        },
      },
    ]);
    expect(c2.shopAccounts[0].orders.totalCount).toBe(1);
    expect(c3).toEqual({ shopAccounts: [] });
    // accounts, orders, lines: one round trip each for all three customers.
    expect(shop.db.stats.queries - before).toBe(3);

    const next = await postGraphQL(shop.url, CUSTOMER_ORDERS, {
      first: 5,
      after: c1.shopAccounts[0].orders.pageInfo.endCursor,
      r: [{ __typename: 'Customer', id: 'c1', sourceRecords: [{ system: 'commerce', localId: String(acc1) }] }],
    });
    const page2 = next.data!._entities[0].shopAccounts[0].orders;
    expect(page2.edges.map((e: { node: { orderNumber: string } }) => e.node.orderNumber)).toEqual([`T-${orderIds[0]}`]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    // The last page still counts every order of the account.
    expect(page2.totalCount).toBe(2);
    expect(page2.edges[0].node.total).toEqual({ amount: '30.00', currency: 'GBP' });
  });

  it('sums up the orders that count as purchases across accounts, oldest first, in one query', async () => {
    // An account of its own with a cancelled and a refunded order, which are not purchases.
    const [acc5, cancelled, refunded] = [base + 10, base + 10, base + 11];
    await db.query(
      `INSERT INTO customer_account (account_id, email, country, created_at, updated_at)
       VALUES (?, 'cy@example.com', 'FR', '2024-01-03', '2024-01-03')`,
      [acc5],
    );
    await db.query(
      `INSERT INTO sales_order (order_id, order_number, account_id, status, currency, total_amount, placed_at) VALUES
       (?, ?, ?, 'cancelled', 'EUR', 99.00, '2024-06-01'), (?, ?, ?, 'refunded', 'EUR', 45.00, '2024-06-02')`,
      [cancelled, `T-${cancelled}`, acc5, refunded, `T-${refunded}`, acc5],
    );
    try {
      const before = shop.db.stats.queries;
      const res = await postGraphQL(
        shop.url,
        /* GraphQL */ `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Customer {
                onlinePurchases {
                  reference
                  purchasedAt
                  total {
                    amount
                    currency
                  }
                }
              }
            }
          }
        `,
        { r: [customer('c1', acc1, acc2, acc5), customer('c2', acc5), customer('c3')] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([
        {
          onlinePurchases: [
            {
              reference: `T-${orderIds[0]}`,
              purchasedAt: '2024-03-01T00:00:00.000Z',
              total: { amount: '30.00', currency: 'GBP' },
            },
            {
              reference: `T-${orderIds[1]}`,
              purchasedAt: '2024-04-01T00:00:00.000Z',
              total: { amount: '12.50', currency: 'GBP' },
            },
            {
              reference: `T-${orderIds[2]}`,
              purchasedAt: '2024-05-01T00:00:00.000Z',
              total: { amount: '5.00', currency: 'EUR' },
            },
          ],
        },
        { onlinePurchases: [] },
        { onlinePurchases: [] },
      ]);
      // One round trip for every account of every customer.
      expect(shop.db.stats.queries - before).toBe(1);
    } finally {
      await db.query('DELETE FROM sales_order WHERE order_id IN (?)', [[cancelled, refunded]]);
      await db.query('DELETE FROM customer_account WHERE account_id = ?', [acc5]);
    }
  });

  it('links order lines to the catalogue by SKU, null when the SKU is not in it', async () => {
    const res = await postGraphQL(
      shop.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on ShopAccount {
              orders {
                edges {
                  node {
                    lines {
                      sku
                      productName
                      product {
                        name
                        category
                        brand
                        onSale
                        listPrices {
                          amount
                          currency
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { r: [{ __typename: 'ShopAccount', accountId: String(acc2) }] },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          {
            orders: {
              edges: [
                {
                  node: {
                    lines: [
                      {
                        sku: skuA,
                        productName: 'Card',
                        product: {
                          name: 'Desk lamp',
                          category: 'Home',
                          brand: 'Norrland',
                          onSale: true,
                          listPrices: [
                            { amount: '10.00', currency: 'EUR' },
                            { amount: '8.50', currency: 'GBP' },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('pages through an account’s quotes, newest first, with lines, discounts and totals', async () => {
    const r = [{ __typename: 'ShopAccount', accountId: String(acc1) }];
    const page1 = await postGraphQL(shop.url, ACCOUNT_QUOTES, { r, first: 2 });
    expect(page1.errors).toBeUndefined();
    const quotes = page1.data!._entities[0].quotes;
    expect(quotes).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: true, endCursor: quotes.edges[1].cursor },
      edges: [
        {
          cursor: expect.any(String),
          node: {
            quoteNumber: `TQ-${quoteIds[2]}`,
            status: 'sent',
            validUntil: '2025-04-09',
            salesRep: 'Claire Fontaine',
            createdAt: '2025-03-10T09:30:00.000Z',
            updatedAt: '2025-03-11T08:00:00.000Z',
            total: { amount: '195.00', currency: 'EUR' },
            lines: [
              {
                sku: skuA,
                productName: 'Desk lamp',
                quantity: 20,
                discountPercent: 5,
                unitPrice: { amount: '10.00', currency: 'EUR' },
                lineTotal: { amount: '190.00', currency: 'EUR' },
                product: { sku: skuA, name: 'Desk lamp' },
              },
              {
                sku: 'T-GONE',
                productName: 'Gift wrap',
                quantity: 1,
                discountPercent: 0,
                unitPrice: { amount: '5.00', currency: 'EUR' },
                lineTotal: { amount: '5.00', currency: 'EUR' },
                product: null,
              },
            ],
          },
        },
        { cursor: expect.any(String), node: expect.objectContaining({ quoteNumber: `TQ-${quoteIds[1]}` }) },
      ],
    });

    const page2 = await postGraphQL(shop.url, ACCOUNT_QUOTES, { r, first: 2, after: quotes.pageInfo.endCursor });
    const rest = page2.data!._entities[0].quotes;
    expect(rest.edges.map((e: { node: { quoteNumber: string } }) => e.node.quoteNumber)).toEqual([`TQ-${quoteIds[0]}`]);
    expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.edges[0].cursor });
    expect(rest.totalCount).toBe(3);

    const past = await postGraphQL(shop.url, ACCOUNT_QUOTES, { r, after: rest.pageInfo.endCursor });
    expect(past.data!._entities[0].quotes).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('lists only carts left active with products and idle past the delay, newest first, page by page', async () => {
    const r = [{ __typename: 'ShopAccount', accountId: String(acc1) }];
    const page1 = await postGraphQL(shop.url, ACCOUNT_CARTS, { r, first: 1 });
    expect(page1.errors).toBeUndefined();
    const carts = page1.data!._entities[0].abandonedCarts;
    expect(carts).toEqual({
      totalCount: 2,
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
      edges: [
        {
          node: {
            cartId: String(cartIds[0]),
            accountId: String(acc1),
            createdAt: '2025-05-30T09:00:00.000Z',
            updatedAt: '2025-05-30T10:00:00.000Z',
            abandonedSince: '2025-05-31T10:00:00.000Z',
            itemCount: 2,
            subtotal: { amount: '17.00', currency: 'GBP' },
            items: [
              {
                sku: skuA,
                productName: 'Desk lamp',
                quantity: 2,
                addedAt: '2025-05-30T10:00:00.000Z',
                unitPrice: { amount: '8.50', currency: 'GBP' },
                product: { sku: skuA, brand: 'Norrland', onSale: true },
              },
            ],
          },
        },
      ],
    });
    const page2 = await postGraphQL(shop.url, ACCOUNT_CARTS, { r, first: 1, after: carts.pageInfo.endCursor });
    const rest = page2.data!._entities[0].abandonedCarts;
    expect(cartIdsOf(rest)).toEqual([cartIds[1]]);
    expect(rest.edges[0].node.items.map((i: { sku: string }) => i.sku)).toEqual([skuB, skuA]);
    expect(rest.edges[0].node.items[0].product).toEqual({ sku: skuB, brand: 'Norrland', onSale: false });
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(rest.totalCount).toBe(2);
  });

  it('merges a customer’s abandoned carts across all their shop accounts', async () => {
    const r = [customer('c1', acc1, acc2)];
    const page1 = await postGraphQL(shop.url, CUSTOMER_CARTS, { r, first: 2 });
    expect(page1.errors).toBeUndefined();
    const carts = page1.data!._entities[0].abandonedShopCarts;
    expect(cartIdsOf(carts)).toEqual([cartIds[0], cartIds[5]]);
    expect(carts.totalCount).toBe(3);
    expect(carts.pageInfo.hasNextPage).toBe(true);
    expect(carts.edges[1].node).toMatchObject({
      accountId: String(acc2),
      subtotal: { amount: '22.50', currency: 'EUR' },
    });
    const page2 = await postGraphQL(shop.url, CUSTOMER_CARTS, { r, first: 2, after: carts.pageInfo.endCursor });
    const rest = page2.data!._entities[0].abandonedShopCarts;
    expect(cartIdsOf(rest)).toEqual([cartIds[1]]);
    expect(rest).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });

    const none = await postGraphQL(shop.url, CUSTOMER_CARTS, {
      r: [customer('c9', 1), { ...customer('c8'), sourceRecords: [{ system: 'crm', localId: String(acc1) }] }],
    });
    expect(none.data!._entities).toEqual([
      { abandonedShopCarts: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
      { abandonedShopCarts: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
    ]);
  });

  it('takes the abandonment delay from its options', async () => {
    const eager = await startCommerceSubgraph({
      databaseUrl: url,
      logger,
      host: '127.0.0.1',
      port: 0,
      now: () => NOW,
      cartAbandonedAfterHours: 0.5,
    });
    try {
      const res = await postGraphQL(eager.url, CUSTOMER_CARTS, { r: [customer('c1', acc1)] });
      const carts = res.data!._entities[0].abandonedShopCarts;
      // The cart last touched an hour before now is abandoned too, half an hour after its last change.
      expect(cartIdsOf(carts)).toEqual([cartIds[2], cartIds[0], cartIds[1]]);
      expect(carts.edges[0].node.abandonedSince).toBe('2025-06-01T11:30:00.000Z');
    } finally {
      await eager.stop();
    }
    expect(() =>
      startCommerceSubgraph({ databaseUrl: url, logger, host: '127.0.0.1', cartAbandonedAfterHours: 0 }),
    ).toThrow('cartAbandonedAfterHours: expected a positive number of hours, received 0');
  });

  it('reads quotes and carts of many customers in one query per level', async () => {
    const r = [customer('c1', acc1), customer('c2', acc2), customer('c3')];
    const before = shop.db.stats.queries;
    const quotes = await postGraphQL(
      shop.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              shopAccounts {
                quotes(first: 5) {
                  totalCount
                  edges {
                    node {
                      quoteNumber
                      lines {
                        sku
                        product {
                          name
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { r },
    );
    expect(quotes.errors).toBeUndefined();
    expect(quotes.data!._entities.map((c: any) => c.shopAccounts.map((a: any) => a.quotes.totalCount))).toEqual([
      [3],
      [1],
      [],
    ]);
    // accounts, quotes, quote lines, products.
    expect(shop.db.stats.queries - before).toBe(4);

    const afterQuotes = shop.db.stats.queries;
    const carts = await postGraphQL(shop.url, CUSTOMER_CARTS, { r });
    expect(carts.data!._entities.map((c: any) => c.abandonedShopCarts.totalCount)).toEqual([2, 1, 0]);
    // carts, cart items, products: no accounts query, the carts come straight from the account ids.
    expect(shop.db.stats.queries - afterQuotes).toBe(3);
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT naming the argument', async () => {
    const r = [{ __typename: 'Customer', id: 'c1', sourceRecords: [{ system: 'commerce', localId: String(acc1) }] }];
    const tooMany = await postGraphQL(shop.url, CUSTOMER_ORDERS, { r, first: 1000 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await postGraphQL(shop.url, CUSTOMER_ORDERS, { r, after: 'nope' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(badCursor.errors?.[0]?.message).toContain('received "nope"');

    const account = [{ __typename: 'ShopAccount', accountId: String(acc1) }];
    for (const first of [0, 101, -1]) {
      const res = await postGraphQL(shop.url, ACCOUNT_QUOTES, { r: account, first });
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: `Invalid first: expected an integer from 1 to 100, received ${first}`,
          path: ['_entities', 0, 'quotes'],
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }),
        }),
      ]);
    }
    const quoteCursor = (await postGraphQL(shop.url, ACCOUNT_QUOTES, { r: account, first: 1 })).data!._entities[0]
      .quotes.pageInfo.endCursor;
    // A quotes cursor means nothing in a list of carts, and garbage nothing anywhere.
    for (const [query, after, expected] of [
      [ACCOUNT_CARTS, quoteCursor, 'an abandoned-carts cursor'],
      [CUSTOMER_CARTS, 'garbage', 'an abandoned-carts cursor'],
      [ACCOUNT_QUOTES, 'WyJxdW90ZSJd', 'a quotes cursor'],
    ] as const) {
      const res = await postGraphQL(shop.url, query, { r: query === CUSTOMER_CARTS ? r : account, after });
      expect(res.errors?.[0]).toMatchObject({
        message: `Invalid after: expected ${expected} (pageInfo.endCursor), received "${after}"`,
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
    }
    const customerFirst = await postGraphQL(shop.url, CUSTOMER_CARTS, { r, first: 0 });
    expect(customerFirst.data).toEqual({ _entities: [{ abandonedShopCarts: null }] });
    expect(customerFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('resolves ShopAccount and ShopProduct by key, and an unknown key to null', async () => {
    const res = await postGraphQL(
      shop.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on ShopAccount {
              accountId
              email
            }
            ... on ShopProduct {
              sku
              name
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'ShopAccount', accountId: String(acc2) },
          { __typename: 'ShopAccount', accountId: '1' },
          { __typename: 'ShopProduct', sku: skuB },
          { __typename: 'ShopProduct', sku: 'T-NOPE' },
        ],
      },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [{ accountId: String(acc2), email: 'bob@example.com' }, null, { sku: skuB, name: 'Old lamp' }, null],
      },
    });
    const bySku = await postGraphQL(shop.url, `{ shopProduct(sku: "${skuA}") { name listPrices { currency } } }`);
    expect(bySku.data).toEqual({
      shopProduct: { name: 'Desk lamp', listPrices: [{ currency: 'EUR' }, { currency: 'GBP' }] },
    });
  });

  it('feeds accounts in change order after the watermark, page by page, with nothing new on replay', async () => {
    // Changed far in the future, so that no seeded account comes after them.
    const changed = new Date(Date.UTC(2097, 0, 1) + (base % 1_000_000) * 1000);
    const at = changed.toISOString().replace('T', ' ').replace('Z', '');
    await db.query(
      `INSERT INTO customer_account (account_id, email, first_name, last_name, phone, country, created_at, updated_at) VALUES
       (?, ' Cy@Example.com ', 'Cy', NULL, '06 12 34 56 78', 'FR', '2024-01-01', ?),
       (?, 'dee@example.com', NULL, NULL, NULL, NULL, '2024-01-01', ?)`,
      [acc4, at, acc3, at],
    );
    const feed = async (after: string | null, limit: number) => {
      const res = await fetch(
        `${shop.url.replace(/\/graphql$/, '/observations')}?limit=${limit}${after ? `&after=${after}` : ''}`,
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { records: any[]; nextCursor: string | null; hasMore: boolean };
    };
    const watermark = encodeCursor({ updatedAt: new Date(changed.getTime() - 1).toISOString(), localId: '0' });
    const first = await feed(watermark, 1);
    expect(first).toEqual({
      records: [
        {
          system: 'commerce',
          localId: String(acc3),
          observedAt: changed.toISOString(),
          name: null,
          match: { givenName: null, familyName: null, country: null },
          identifiers: [{ kind: 'EMAIL', value: 'dee@example.com' }],
        },
      ],
      nextCursor: expect.any(String),
      hasMore: true,
    });
    const second = await feed(first.nextCursor, 10);
    expect(second.records).toEqual([
      {
        system: 'commerce',
        localId: String(acc4),
        observedAt: changed.toISOString(),
        name: 'Cy',
        match: { givenName: 'Cy', familyName: null, country: 'FR' },
        identifiers: [
          { kind: 'EMAIL', value: ' Cy@Example.com ' },
          { kind: 'PHONE', value: '06 12 34 56 78', region: 'FR' },
        ],
      },
    ]);
    const replay = await feed(second.nextCursor, 10);
    expect(replay).toEqual({ records: [], nextCursor: second.nextCursor, hasMore: false });
  });

  it("answers the audience engine's bulk read: purchase totals per currency in one GROUP BY, accounts as the graph maps them", async () => {
    const FACTS = /* GraphQL */ `
      query ($c: [[ID!]!]!, $f: [String!]!, $since: String) {
        commerceAudienceFacts(customers: $c, facts: $f, since: $since)
      }
    `;
    const eur = { currency: 'EUR', count: 1, cents: 500, countSince: 1, centsSince: 500 };
    const eurAt = { firstAt: '2024-05-01T00:00:00.000Z', lastAt: '2024-05-01T00:00:00.000Z' };
    const before = shop.db.stats.queries;
    const res = await postGraphQL(shop.url, FACTS, {
      c: [[String(acc1), String(acc2)], [], [String(acc2), 'not-an-account']],
      f: ['onlinePurchaseTotals'],
      since: '2024-03-15T00:00:00.000Z',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.commerceAudienceFacts).toEqual([
      {
        onlinePurchaseTotals: [
          { ...eur, ...eurAt },
          {
            currency: 'GBP',
            count: 2,
            cents: 4250,
            countSince: 1,
            centsSince: 1250,
            firstAt: '2024-03-01T00:00:00.000Z',
            lastAt: '2024-04-01T00:00:00.000Z',
          },
        ],
      },
      { onlinePurchaseTotals: [] },
      { onlinePurchaseTotals: [{ ...eur, ...eurAt }] },
    ]);
    // One aggregate query for every account of every customer.
    expect(shop.db.stats.queries - before).toBe(1);

    const accounts = await postGraphQL(shop.url, FACTS, { c: [[String(acc2)]], f: ['shopAccounts'] });
    expect(accounts.errors).toBeUndefined();
    expect(accounts.data!.commerceAudienceFacts).toEqual([
      {
        shopAccounts: [
          {
            accountId: String(acc2),
            email: 'bob@example.com',
            firstName: 'Bob',
            lastName: 'Jones',
            phone: null,
            country: 'FR',
            updatedAt: '2024-02-02T00:00:00.000Z',
          },
        ],
      },
    ]);

    const unknown = await postGraphQL(shop.url, FACTS, { c: [[]], f: ['orders'] });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toBe(
      'Invalid facts: "orders" is not one of shopAccounts, onlinePurchaseTotals',
    );
    const noWindow = await postGraphQL(shop.url, FACTS, { c: [[]], f: ['onlinePurchaseTotals'] });
    expect(noWindow.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers null with SOURCE_UNAVAILABLE on the field when the shop is down, and keeps serving', async () => {
    const down = await startCommerceSubgraph({
      databaseUrl: 'mysql://root@127.0.0.1:1/c360_test_commerce',
      sourceTimeoutMs: 500,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await postGraphQL(
          down.url,
          /* GraphQL */ `
            query ($r: [_Any!]!) {
              _entities(representations: $r) {
                ... on Customer {
                  abandonedShopCarts {
                    totalCount
                  }
                }
              }
            }
          `,
          { r: [customer('c1', acc1)] },
        );
        expect(res.data).toEqual({ _entities: [{ abandonedShopCarts: null }] });
        expect(res.errors).toEqual([
          expect.objectContaining({
            path: ['_entities', 0, 'abandonedShopCarts'],
            extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'commerce' }),
          }),
        ]);
      }
      const health = await fetch(down.url.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(503);
    } finally {
      await down.stop();
    }
  });
});
