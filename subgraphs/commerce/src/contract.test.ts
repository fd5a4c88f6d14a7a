import mysql from 'mysql2/promise';
import { createLogger } from '../../shared/src/logger';
import { postGraphQL } from '../../shared/src/testing';
import { TEST_ENV } from '../../../tests/setup/test-env';
import { startCommerceSubgraph } from '.';

const logger = createLogger('silent');
const url = TEST_ENV.COMMERCE_DATABASE_URL!;
// Ids far above the seeded ones, random per run, so that runs never collide.
const base = 900_000_000 + Math.floor(Math.random() * 90_000_000);
const [acc1, acc2] = [base, base + 1];
const orderIds = [base, base + 1, base + 2];
let db: mysql.Pool;
let shop: Awaited<ReturnType<typeof startCommerceSubgraph>>;

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
     (?, 1, 'SKU-1', 'Mug', 2, 10.00), (?, 2, 'SKU-2', 'Tea', 1, 10.00), (?, 1, 'SKU-3', 'Pen', 5, 2.50), (?, 1, 'SKU-4', 'Card', 1, 5.00)`,
    [orderIds[0], orderIds[0], orderIds[1], orderIds[2]],
  );
  shop = await startCommerceSubgraph({ databaseUrl: url, logger, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await shop.stop();
  await db.query('DELETE FROM sales_order_line WHERE order_id IN (?)', [orderIds]);
  await db.query('DELETE FROM sales_order WHERE order_id IN (?)', [orderIds]);
  await db.query('DELETE FROM customer_account WHERE account_id IN (?)', [[acc1, acc2]]);
  await db.end();
});

describe('commerce subgraph contract', () => {
  it('publishes its SDL with the Customer extension', async () => {
    const res = await postGraphQL(shop.url, '{ _service { sdl } }');
    expect(res.data?._service.sdl).toContain(
      'shopAccounts: [ShopAccount!] @requires(fields: "sourceRecords { system localId }")',
    );
  });

  it('resolves accounts, paginated orders and lines for many customers in one query per level', async () => {
    const before = shop.db.queries;
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
    expect(shop.db.queries - before).toBe(3);

    const next = await postGraphQL(shop.url, CUSTOMER_ORDERS, {
      first: 5,
      after: c1.shopAccounts[0].orders.pageInfo.endCursor,
      r: [{ __typename: 'Customer', id: 'c1', sourceRecords: [{ system: 'commerce', localId: String(acc1) }] }],
    });
    const page2 = next.data!._entities[0].shopAccounts[0].orders;
    expect(page2.edges.map((e: { node: { orderNumber: string } }) => e.node.orderNumber)).toEqual([`T-${orderIds[0]}`]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.edges[0].node.total).toEqual({ amount: '30.00', currency: 'GBP' });
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT naming the argument', async () => {
    const r = [{ __typename: 'Customer', id: 'c1', sourceRecords: [{ system: 'commerce', localId: String(acc1) }] }];
    const tooMany = await postGraphQL(shop.url, CUSTOMER_ORDERS, { r, first: 1000 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await postGraphQL(shop.url, CUSTOMER_ORDERS, { r, after: 'nope' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(badCursor.errors?.[0]?.message).toContain('received "nope"');
  });

  it('resolves ShopAccount by key, and an unknown key to null', async () => {
    const res = await postGraphQL(
      shop.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on ShopAccount {
              accountId
              email
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'ShopAccount', accountId: String(acc2) },
          { __typename: 'ShopAccount', accountId: '1' },
        ],
      },
    );
    expect(res).toEqual({
      status: 200,
      data: { _entities: [{ accountId: String(acc2), email: 'bob@example.com' }, null] },
    });
  });
});
