import { link, startConformance, type Conformance } from './harness';

/** @key variants: a compound key, several keys on one entity, and a nested key (a field of an object). */
let conformance: Conformance;

const products = [
  { upc: 'p1', sku: 'S-1', vendor: { code: 'acme' }, region: 'eu', name: 'Table' },
  { upc: 'p2', sku: 'S-2', vendor: { code: 'globex' }, region: 'us', name: 'Chair' },
];
const byUpc = (ref: { upc?: string }) => products.find((p) => p.upc === ref.upc);
const bySku = (ref: { sku?: string }) => products.find((p) => p.sku === ref.sku);

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'catalogue',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@shareable')}
        type Query {
          products: [Product!]!
        }
        type Product @key(fields: "upc") @key(fields: "sku") @key(fields: "vendor { code } region") {
          upc: ID!
          sku: String!
          region: String!
          vendor: Vendor!
          name: String!
        }
        type Vendor @shareable {
          code: String!
        }
      `,
      resolvers: {
        Query: { products: () => products },
        Product: { __resolveReference: (ref: { upc?: string; sku?: string }) => byUpc(ref) ?? bySku(ref) },
      },
    },
    {
      // Knows products by SKU only.
      name: 'stock',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Product @key(fields: "sku") {
          sku: String!
          inStock: Int!
        }
      `,
      resolvers: {
        Product: {
          __resolveReference: (ref: { sku: string }) => ref,
          inStock: (p: { sku: string }) => (p.sku === 'S-1' ? 3 : 0),
        },
      },
    },
    {
      // Knows products by vendor and region only (a compound, nested key).
      name: 'pricing',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@shareable')}
        type Product @key(fields: "vendor { code } region") {
          vendor: Vendor!
          region: String!
          price: Float!
        }
        type Vendor @shareable {
          code: String!
        }
      `,
      resolvers: {
        Product: {
          __resolveReference: (ref: { vendor: { code: string }; region: string }) => ref,
          price: (p: { vendor: { code: string }; region: string }) =>
            (p.vendor.code === 'acme' ? 99.5 : 12) + (p.region === 'us' ? 1 : 0),
        },
      },
    },
    {
      // Starts from its own list of SKUs: the others resolve the rest.
      name: 'promotions',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Query {
          promoted: [Product!]!
        }
        type Product @key(fields: "sku", resolvable: false) {
          sku: String!
        }
      `,
      resolvers: { Query: { promoted: () => [{ sku: 'S-2' }, { sku: 'S-1' }] } },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('@key', () => {
  it('joins by a simple key, another key of the same entity and a compound nested key in one query', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          products {
            upc
            name
            inStock
            price
          }
        }
      `,
      {
        data: {
          products: [
            { upc: 'p1', name: 'Table', inStock: 3, price: 99.5 },
            { upc: 'p2', name: 'Chair', inStock: 0, price: 13 },
          ],
        },
      },
    );
  });

  it('enters by the second key (a reference that is not resolvable where it starts)', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          promoted {
            sku
            upc
            name
            vendor {
              code
            }
            price
          }
        }
      `,
      {
        data: {
          promoted: [
            { sku: 'S-2', upc: 'p2', name: 'Chair', vendor: { code: 'globex' }, price: 13 },
            { sku: 'S-1', upc: 'p1', name: 'Table', vendor: { code: 'acme' }, price: 99.5 },
          ],
        },
      },
    );
  });
});
