import { appendFile, mkdir, mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { postGraphQL, type GraphQLResponse } from '@c360/kit/testing';
import type { ObservationFeedPage } from '@c360/kit/feed';
import { startStoresSubgraph } from '.';

/**
 * The stores subgraph over a real till export folder (a temporary one per
 * run), with real files written the way tills and the loyalty platform write them.
 */

const TILL_HEADER =
  'STORE_CODE;TILL_NO;RECEIPT_NO;TXN_TIMESTAMP;CASHIER_ID;LOYALTY_CARD_NO;LINE_NO;SKU;DESCRIPTION;QTY;UNIT_PRICE;LINE_DISCOUNT;LINE_TOTAL;CURRENCY;PAYMENT_METHOD';
const MEMBER_HEADER =
  'CARD_NUMBER;CARD_STATUS;FIRST_NAME;LAST_NAME;EMAIL;PHONE;COUNTRY;ENROLMENT_STORE;ENROLLED_AT;UPDATED_AT;TIER;POINTS_BALANCE';
const tillFile = (...lines: string[]) => `\ufeff${[TILL_HEADER, ...lines].join('\r\n')}\r\n`;
const memberFile = (...lines: string[]) => `${[MEMBER_HEADER, ...lines].join('\n')}\n`;

/** Élodie: card A now, card B before she lost it. John: card C. D: a card with no contact details. */
const A = '2901234567897';
const B = 'FR12345678';
const C = '2900000000017';
const D = '2900000000024';
const E = '2900000000031';

const FILES: Record<string, string> = {
  'STORES_20261001.csv': [
    'STORE_CODE;STORE_NAME;CITY;COUNTRY;TIMEZONE;CURRENCY',
    'PAR01;Paris Rivoli;Paris;FR;Europe/Paris;EUR',
    'NYC01;New York SoHo;New York;US;America/New_York;USD',
  ].join('\n'),
  'LOYALTY_MEMBERS_20261001.csv': memberFile(
    'FR-1234-5678;REPLACED;Élodie;MARTIN;elodie.martin@orange.fr;06 12 34 56 78;FR;PAR01;2022-03-02T10:15:00Z;2025-05-01T09:00:00Z;SILVER;0',
    '2 901234 567897;ACTIVE;Élodie;MARTIN;;06 12 34 56 78;FR;PAR01;2025-05-01T09:00:00Z;2026-09-30T16:00:00Z;SILVER;312',
    '2900000000017;ACTIVE;John;Smith;John.Smith@example.com ;(212) 555-0142;US;NYC01;2024-01-10;2026-09-15T12:00:00Z;BRONZE;40',
    '2900000000024;ACTIVE;;;;;;PAR01;2024-06-01T00:00:00Z;2026-09-15T12:00:00Z;BRONZE;0',
  ),
  // The next night's delta: Élodie gave her email at a till; it supersedes her earlier row.
  'LOYALTY_MEMBERS_20261002.csv': memberFile(
    '2901234567897;ACTIVE;Élodie;Martin;elodie.martin@orange.fr;06 12 34 56 78;FR;PAR01;2025-05-01T09:00:00Z;2026-10-02T08:00:00Z;SILVER;330',
  ),
  'TILL_PAR01_20250420.csv': tillFile(
    'PAR01;01;PAR01-01-20250420-0001;2025-04-20T15:00:00+02:00;4821;FR12345678;1;HL-10230;Housse de coussin coton;1;15,90;0,00;15,90;EUR;CARD',
  ),
  'TILL_PAR01_20261001.csv': tillFile(
    `PAR01;02;PAR01-02-20261001-0001;2026-10-01T10:05:00+02:00;4821;${A};1;HL-10021;Mug en grès;2;8,90;0,89;16,91;EUR;CARD`,
    `PAR01;02;PAR01-02-20261001-0001;2026-10-01T10:05:00+02:00;4821;${A};2;HL-10624;Carte de vœux;1;3,50;;3,50;EUR;CARD`,
    'PAR01;02;PAR01-02-20261001-0002;2026-10-01T11:00:00+02:00;4821;;1;HL-10816;Sac cabas réutilisable;1;2,50;0,00;2,50;EUR;CASH',
    // Keyed by hand from the printed card.
    'PAR01;03;PAR01-03-20261001-0001;2026-10-01T17:30:00+02:00;5137;2901 2345 6789 7;1;HL-10244;Plaid en laine;1;59,90;0,00;59,90;EUR;CONTACTLESS',
    // Malformed: a time without offset, then a truncated line.
    'PAR01;03;PAR01-03-20261001-0002;2026-10-01T18:00:00;5137;;1;HL-10021;Mug en grès;1;8,90;0,00;8,90;EUR;CASH',
    'PAR01;03;PAR01-03-20261001-0003;2026-10-01T18:10:00+02:00;5137;;1;HL-10021',
  ),
  // A store missing from the store list.
  'TILL_LYO01_20260915.csv': tillFile(
    `LYO01;01;LYO01-01-20260915-0001;2026-09-15T12:00:00+02:00;7001;${A};1;HL-10405;Drap de bain;1;22,90;2,29;20,61;EUR;MOBILE`,
  ),
  'TILL_NYC01_20260920.csv': tillFile(
    `NYC01;01;NYC01-01-20260920-0001;2026-09-20T14:00:00-04:00;1001;${C};1;HL-10520;Desk lamp;1;55.00;5.50;49.50;USD;CARD`,
    `NYC01;01;NYC01-01-20260920-0001;2026-09-20T14:00:00-04:00;1001;${C};2;HL-10533;LED bulb E27;3;6.50;0.00;19.50;USD;CARD`,
    'NYC01;01;NYC01-01-20260920-0002;2026-09-20T14:30:00-04:00;1001;;1;HL-10533;LED bulb E27;1;6.50;0.00;6.50;USD;CASH',
  ),
  'README.txt': 'not an export',
};

const logs: Array<{ msg: string; file?: string; line?: number }> = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

let root: string;
let dir: string;
let stores: Awaited<ReturnType<typeof startStoresSubgraph>>;
let baseUrl: string;

async function writeAll(folder: string, files: Record<string, string>) {
  await mkdir(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder, name), content);
}

/** Retries `check` until it passes or the time is up: for what the folder watcher does on its own time. */
async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const customer = (id: string, ...cards: string[]) => ({
  __typename: 'Customer',
  id,
  sourceRecords: cards.map((localId) => ({ system: 'stores', localId })),
});

const CUSTOMERS = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        loyaltyCards {
          cardNumber
          printedNumber
          status
          firstName
          lastName
          email
          phone
          enrolmentStore {
            code
            name
          }
          enrolledAt
          updatedAt
          tier
          pointsBalance
        }
        storePurchases(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              receiptNumber
              store {
                code
                name
                city
                country
                timezone
              }
              tillNumber
              cashier
              purchasedAt
              paymentMethod
              loyaltyCardNumber
              total {
                amount
                currency
              }
              lines {
                lineNumber
                sku
                description
                quantity
                unitPrice {
                  amount
                  currency
                }
                discount {
                  amount
                }
                lineTotal {
                  amount
                }
              }
            }
          }
        }
      }
    }
  }
`;

interface PurchaseNumbers {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { receiptNumber: string } }>;
}

const PURCHASE_NUMBERS = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        storePurchases(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              receiptNumber
            }
          }
        }
      }
    }
  }
`;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'c360-stores-'));
  dir = path.join(root, 'till-exports');
  await writeAll(dir, FILES);
  stores = await startStoresSubgraph({
    exportDir: dir,
    logger,
    host: '127.0.0.1',
    port: 0,
    settleMs: 500,
    retryMs: 200,
  });
  baseUrl = stores.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await stores?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('stores subgraph contract', () => {
  it('publishes its SDL with the Customer extension', async () => {
    const res = await postGraphQL(stores.url, '{ _service { sdl } }');
    const sdl: string = res.data?._service.sdl;
    expect(sdl).toContain('loyaltyCards: [LoyaltyCard!] @requires(fields: "sourceRecords { system localId }")');
    expect(sdl).toContain('): StorePurchaseConnection @requires(fields: "sourceRecords { system localId }")');
    expect(sdl).toContain('union _Entity = Customer | LoyaltyCard');
  });

  it('resolves cards and receipts of many customers with one index lookup per level, ignoring other systems', async () => {
    const before = stores.db.stats.queries;
    const res = await postGraphQL(stores.url, CUSTOMERS, {
      first: 2,
      r: [
        {
          ...customer('c1', A, B),
          sourceRecords: [
            { system: 'stores', localId: A },
            { system: 'crm', localId: 'CRM-000001' },
            { system: 'stores', localId: B },
            // Another system's id that happens to look like one of ours.
            { system: 'commerce', localId: C },
          ],
        },
        customer('c2', C),
        customer('c3'),
      ],
    });
    expect(res.errors).toBeUndefined();
    const [c1, c2, c3] = res.data!._entities;
    expect(c1.loyaltyCards).toEqual([
      {
        cardNumber: A,
        printedNumber: A,
        status: 'ACTIVE',
        firstName: 'Élodie',
        lastName: 'Martin',
        email: 'elodie.martin@orange.fr',
        phone: '06 12 34 56 78',
        enrolmentStore: { code: 'PAR01', name: 'Paris Rivoli' },
        enrolledAt: '2025-05-01T09:00:00.000Z',
        updatedAt: '2026-10-02T08:00:00.000Z',
        tier: 'SILVER',
        pointsBalance: 330,
      },
      {
        cardNumber: B,
        printedNumber: 'FR-1234-5678',
        status: 'REPLACED',
        firstName: 'Élodie',
        lastName: 'MARTIN',
        email: 'elodie.martin@orange.fr',
        phone: '06 12 34 56 78',
        enrolmentStore: { code: 'PAR01', name: 'Paris Rivoli' },
        enrolledAt: '2022-03-02T10:15:00.000Z',
        updatedAt: '2025-05-01T09:00:00.000Z',
        tier: 'SILVER',
        pointsBalance: 0,
      },
    ]);
    const paris = { code: 'PAR01', name: 'Paris Rivoli', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' };
    expect(c1.storePurchases).toEqual({
      // Both cards: three receipts on A (one keyed by hand), one on B; anonymous sales are nobody's.
      totalCount: 4,
      pageInfo: { hasNextPage: true, endCursor: c1.storePurchases.edges[1].cursor },
      edges: [
        {
          cursor: expect.any(String),
          node: {
            receiptNumber: 'PAR01-03-20261001-0001',
            store: paris,
            tillNumber: '03',
            cashier: '5137',
            purchasedAt: '2026-10-01T17:30:00+02:00',
            paymentMethod: 'CONTACTLESS',
            loyaltyCardNumber: A,
            total: { amount: '59.90', currency: 'EUR' },
            lines: [
              {
                lineNumber: 1,
                sku: 'HL-10244',
                description: 'Plaid en laine',
                quantity: 1,
                unitPrice: { amount: '59.90', currency: 'EUR' },
                discount: { amount: '0.00' },
                lineTotal: { amount: '59.90' },
              },
            ],
          },
        },
        {
          cursor: expect.any(String),
          node: {
            receiptNumber: 'PAR01-02-20261001-0001',
            store: paris,
            tillNumber: '02',
            cashier: '4821',
            purchasedAt: '2026-10-01T10:05:00+02:00',
            paymentMethod: 'CARD',
            loyaltyCardNumber: A,
            total: { amount: '20.41', currency: 'EUR' },
            lines: [
              {
                lineNumber: 1,
                sku: 'HL-10021',
                description: 'Mug en grès',
                quantity: 2,
                unitPrice: { amount: '8.90', currency: 'EUR' },
                discount: { amount: '0.89' },
                lineTotal: { amount: '16.91' },
              },
              {
                lineNumber: 2,
                sku: 'HL-10624',
                description: 'Carte de vœux',
                quantity: 1,
                unitPrice: { amount: '3.50', currency: 'EUR' },
                discount: { amount: '0.00' },
                lineTotal: { amount: '3.50' },
              },
            ],
          },
        },
      ],
    });
    expect(c2.loyaltyCards.map((card: { email: string }) => card.email)).toEqual(['John.Smith@example.com ']);
    expect(c2.storePurchases.edges[0].node).toMatchObject({
      receiptNumber: 'NYC01-01-20260920-0001',
      purchasedAt: '2026-09-20T14:00:00-04:00',
      total: { amount: '69.00', currency: 'USD' },
    });
    expect(c3).toEqual({
      loyaltyCards: [],
      storePurchases: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
    });
    // One lookup for every card of the three customers, one for every store of their receipts and cards.
    expect(stores.db.stats.queries - before).toBe(2);
  });

  it('pages through a customer’s receipts, newest first across cards', async () => {
    const r = [customer('c1', A, B)];
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res: GraphQLResponse<any> = await postGraphQL(stores.url, PURCHASE_NUMBERS, { r, first: 3, after });
      expect(res.errors).toBeUndefined();
      const connection: PurchaseNumbers = res.data!._entities[0].storePurchases;
      expect(connection.totalCount).toBe(4);
      seen.push(...connection.edges.map((e) => e.node.receiptNumber));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      'PAR01-03-20261001-0001',
      'PAR01-02-20261001-0001',
      'LYO01-01-20260915-0001',
      'PAR01-01-20250420-0001',
    ]);
  });

  it('sums up the receipts that count as purchases, oldest first across cards, for the profile KPIs', async () => {
    const res = await postGraphQL(
      stores.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              inStorePurchases {
                reference
                purchasedAt
                total {
                  amount
                  currency
                }
              }
              storePurchases(first: 100) {
                edges {
                  node {
                    receiptNumber
                    purchasedAt
                    total {
                      amount
                      currency
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { r: [customer('c1', A, B), customer('c3')] },
    );
    expect(res.errors).toBeUndefined();
    const [c1, c3] = res.data!._entities;
    type Node = { receiptNumber: string; purchasedAt: string; total: { amount: string; currency: string } };
    // The same receipts as the paginated list (all with a positive total), oldest first, times in UTC.
    const expected = (c1.storePurchases.edges as { node: Node }[])
      .map(({ node }) => node)
      .filter((n) => !n.total.amount.startsWith('-') && Number(n.total.amount) > 0)
      .reverse()
      .map((n) => ({ reference: n.receiptNumber, purchasedAt: new Date(n.purchasedAt).toISOString(), total: n.total }));
    expect(c1.inStorePurchases).toEqual(expected);
    expect(expected.map((p) => p.reference)).toEqual([
      'PAR01-01-20250420-0001',
      'LYO01-01-20260915-0001',
      'PAR01-02-20261001-0001',
      'PAR01-03-20261001-0001',
    ]);
    expect(c3.inStorePurchases).toEqual([]);
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT naming the argument', async () => {
    const r = [customer('c1', A)];
    for (const first of [0, 101]) {
      const res = await postGraphQL(stores.url, PURCHASE_NUMBERS, { r, first });
      expect(res.errors?.[0]).toMatchObject({
        message: `Invalid first: expected an integer from 1 to 100, received ${first}`,
        path: ['_entities', 0, 'storePurchases'],
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      });
    }
    const res = await postGraphQL(stores.url, PURCHASE_NUMBERS, { r, after: 'nope' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(res.errors?.[0]?.message).toContain('received "nope"');
  });

  it('finds a card however it is typed, and a receipt by its number, for cashiers', async () => {
    const res = await postGraphQL(
      stores.url,
      /* GraphQL */ `
        query ($card: String!, $receipt: ID!) {
          loyaltyCard(cardNumber: $card) {
            cardNumber
            purchases(first: 1) {
              totalCount
              edges {
                node {
                  receiptNumber
                }
              }
            }
          }
          unknownCard: loyaltyCard(cardNumber: "2999 9999 9999 9") {
            cardNumber
          }
          storeReceipt(receiptNumber: $receipt) {
            receiptNumber
            store {
              code
              name
              city
            }
            loyaltyCard {
              cardNumber
              firstName
            }
          }
          anonymous: storeReceipt(receiptNumber: "NYC01-01-20260920-0002") {
            loyaltyCardNumber
            loyaltyCard {
              cardNumber
            }
          }
          unknownReceipt: storeReceipt(receiptNumber: "PAR01-09-20261001-0001") {
            receiptNumber
          }
        }
      `,
      { card: ' 2901-2345-6789-7 ', receipt: 'LYO01-01-20260915-0001' },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        loyaltyCard: {
          cardNumber: A,
          purchases: { totalCount: 3, edges: [{ node: { receiptNumber: 'PAR01-03-20261001-0001' } }] },
        },
        unknownCard: null,
        storeReceipt: {
          receiptNumber: 'LYO01-01-20260915-0001',
          // Not in the store list: known by its code only.
          store: { code: 'LYO01', name: null, city: null },
          loyaltyCard: { cardNumber: A, firstName: 'Élodie' },
        },
        anonymous: { loyaltyCardNumber: null, loyaltyCard: null },
        unknownReceipt: null,
      },
    });
    const bad = await postGraphQL(stores.url, '{ loyaltyCard(cardNumber: "12-34") { cardNumber } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cardNumber' });
    expect(bad.errors?.[0]?.message).toContain('received "12-34"');
  });

  it('resolves LoyaltyCard by key, and an unknown key to null', async () => {
    const res = await postGraphQL(
      stores.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on LoyaltyCard {
              cardNumber
              status
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'LoyaltyCard', cardNumber: B },
          { __typename: 'LoyaltyCard', cardNumber: '2999999999999' },
        ],
      },
    );
    expect(res).toEqual({ status: 200, data: { _entities: [{ cardNumber: B, status: 'REPLACED' }, null] } });
  });

  it('warned about each malformed line with its file and line number', () => {
    const warnings = logs.filter((l) => l.file === 'TILL_PAR01_20261001.csv').map((l) => [l.line, l.msg]);
    expect(warnings).toEqual([
      [6, expect.stringContaining('TXN_TIMESTAMP: expected an ISO-8601 time with its UTC offset')],
      [7, expect.stringContaining('skipped malformed line')],
    ]);
  });

  it('serves the loyalty cards as an observation feed, in change order from a watermark', async () => {
    const read = async (query: string) => {
      const response = await fetch(`${baseUrl}/observations?${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as ObservationFeedPage;
    };
    const first = await read('limit=2');
    expect(first.records).toEqual([
      {
        system: 'stores',
        localId: B,
        observedAt: '2025-05-01T09:00:00.000Z',
        name: 'Élodie MARTIN',
        match: { givenName: 'Élodie', familyName: 'MARTIN', country: 'FR' },
        identifiers: [
          { kind: 'LOYALTY_CARD', value: 'FR-1234-5678' },
          { kind: 'EMAIL', value: 'elodie.martin@orange.fr' },
          { kind: 'PHONE', value: '06 12 34 56 78', region: 'FR' },
        ],
      },
      {
        system: 'stores',
        localId: C,
        observedAt: '2026-09-15T12:00:00.000Z',
        name: 'John Smith',
        match: { givenName: 'John', familyName: 'Smith', country: 'US' },
        identifiers: [
          { kind: 'LOYALTY_CARD', value: '2900000000017' },
          { kind: 'EMAIL', value: 'John.Smith@example.com ' },
          { kind: 'PHONE', value: '(212) 555-0142', region: 'US' },
        ],
      },
    ]);
    expect(first.hasMore).toBe(true);
    const rest = await read(`after=${first.nextCursor}&limit=10`);
    // D changed at the same time as C: the card number breaks the tie. A's latest row comes last.
    expect(rest.records.map((r) => [r.localId, r.identifiers.map((i) => i.kind)])).toEqual([
      [D, ['LOYALTY_CARD']],
      [A, ['LOYALTY_CARD', 'EMAIL', 'PHONE']],
    ]);
    expect(rest.hasMore).toBe(false);
    const replay = await read(`after=${rest.nextCursor}`);
    expect(replay).toEqual({ records: [], nextCursor: rest.nextCursor, hasMore: false });
  });

  it('picks up new exports without a restart, never reading a file still being written', async () => {
    await writeFile(
      path.join(dir, 'LOYALTY_MEMBERS_20261003.csv'),
      memberFile(`${E};ACTIVE;Ana;García;;612 34 56 78;ES;PAR01;2026-10-03T09:00:00Z;2026-10-03T09:00:00Z;BRONZE;0`),
    );
    // A till copying its file slowly: the first write stops in the middle of a line.
    const till = path.join(dir, 'TILL_PAR01_20261003.csv');
    const content = tillFile(
      `PAR01;01;PAR01-01-20261003-0001;2026-10-03T10:00:00+02:00;4821;${E};1;HL-10021;Mug en grès;1;8,90;0,00;8,90;EUR;CARD`,
      `PAR01;01;PAR01-01-20261003-0001;2026-10-03T10:00:00+02:00;4821;${E};2;HL-10405;Drap de bain;1;22,90;0,00;22,90;EUR;CARD`,
    );
    const cut = content.indexOf('Drap de');
    await writeFile(till, content.slice(0, cut));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await appendFile(till, content.slice(cut));
    await eventually(async () => {
      const res = await postGraphQL(
        stores.url,
        `{ loyaltyCard(cardNumber: "${E}") { firstName purchases { edges { node { total { amount } } } } } }`,
      );
      expect(res.data?.loyaltyCard).toEqual({
        firstName: 'Ana',
        purchases: { edges: [{ node: { total: { amount: '31.80' } } }] },
      });
    });
    expect(logs.filter((l) => l.file === 'TILL_PAR01_20261003.csv' && l.line !== undefined)).toEqual([]);
    const feed = (await (await fetch(`${baseUrl}/observations?limit=100`)).json()) as ObservationFeedPage;
    expect(feed.records.map((r) => r.localId)).toContain(E);
  });

  it('answers null with SOURCE_UNAVAILABLE while the folder is gone, stays up, and recovers when it is back', async () => {
    const away = `${dir}-unmounted`;
    await rename(dir, away);
    try {
      const res = await postGraphQL(stores.url, CUSTOMERS, { r: [customer('c1', A)] });
      expect(res.data?._entities).toEqual([{ loyaltyCards: null, storePurchases: null }]);
      expect(res.errors).toHaveLength(2);
      for (const error of res.errors!) {
        expect(error.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'stores' });
        expect(error.message).toContain(`the till export folder ${dir} is missing or unreadable`);
      }
      expect(res.errors!.map((e) => e.path)).toEqual(
        expect.arrayContaining([
          ['_entities', 0, 'loyaltyCards'],
          ['_entities', 0, 'storePurchases'],
        ]),
      );
      expect((await fetch(`${baseUrl}/health`)).status).toBe(503);
      expect((await fetch(`${baseUrl}/observations`)).status).toBe(503);
    } finally {
      await rename(away, dir);
    }
    await eventually(async () => {
      const res = await postGraphQL(stores.url, PURCHASE_NUMBERS, { r: [customer('c1', A, B)] });
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities[0].storePurchases.totalCount).toBe(4);
    });
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
  });
});

describe('stores subgraph at start', () => {
  const start = (exportDir: string, settleMs = 100) =>
    startStoresSubgraph({ exportDir, logger, host: '127.0.0.1', port: 0, settleMs, retryMs: 200 });

  it('waits for a file still being written when it starts, then reads it whole', async () => {
    const folder = path.join(root, 'busy-at-start');
    const file = path.join(folder, 'LOYALTY_MEMBERS_20261001.csv');
    const content = FILES['LOYALTY_MEMBERS_20261001.csv']!;
    const cut = content.indexOf('John');
    await writeAll(folder, { 'LOYALTY_MEMBERS_20261001.csv': content.slice(0, cut) });
    const starting = start(folder, 400);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await appendFile(file, content.slice(cut));
    const server = await starting;
    try {
      const res = await postGraphQL(server.url, `{ loyaltyCard(cardNumber: "${C}") { firstName lastName } }`);
      expect(res).toEqual({ status: 200, data: { loyaltyCard: { firstName: 'John', lastName: 'Smith' } } });
      expect(logs.filter((l) => l.file === 'LOYALTY_MEMBERS_20261001.csv' && l.line !== undefined)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('does not wait for the time on a file stamped in the future by a till with a wrong clock', async () => {
    const folder = path.join(root, 'clock-skew');
    await writeAll(folder, { 'TILL_NYC01_20260920.csv': FILES['TILL_NYC01_20260920.csv']! });
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await utimes(path.join(folder, 'TILL_NYC01_20260920.csv'), tomorrow, tomorrow);
    const started = Date.now();
    const server = await start(folder);
    try {
      expect(Date.now() - started).toBeLessThan(5000);
      const res = await postGraphQL(
        server.url,
        '{ storeReceipt(receiptNumber: "NYC01-01-20260920-0001") { total { amount } } }',
      );
      expect(res.data).toEqual({ storeReceipt: { total: { amount: '69.00' } } });
    } finally {
      await server.stop();
    }
  });

  it('starts without its folder, answers SOURCE_UNAVAILABLE, and reads the folder once it appears', async () => {
    const later = path.join(root, 'mounted-later');
    const server = await start(later);
    try {
      const query = `{ loyaltyCard(cardNumber: "${C}") { firstName } }`;
      const res = await postGraphQL(server.url, query);
      expect(res.data).toEqual({ loyaltyCard: null });
      expect(res.errors?.[0]).toMatchObject({
        path: ['loyaltyCard'],
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'stores' },
      });
      await writeAll(later, { 'LOYALTY_MEMBERS_20261001.csv': FILES['LOYALTY_MEMBERS_20261001.csv']! });
      await eventually(async () => {
        expect(await postGraphQL(server.url, query)).toEqual({
          status: 200,
          data: { loyaltyCard: { firstName: 'John' } },
        });
      });
    } finally {
      await server.stop();
    }
  });
});
