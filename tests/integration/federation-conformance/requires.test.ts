import { link, startConformance, type Conformance } from './harness';

/** @requires: of plain fields, of a nested selection, and with inline fragments on an abstract type. */
let conformance: Conformance;

const parcels = [
  { id: 'x1', weight: 2, size: { width: 10, height: 20 }, contents: { __typename: 'Book', pages: 300 } },
  { id: 'x2', weight: 7, size: { width: 40, height: 5 }, contents: { __typename: 'Lamp', watts: 60 } },
];

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'warehouse',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@shareable')}
        type Query {
          parcels: [Parcel!]!
        }
        type Parcel @key(fields: "id") {
          id: ID!
          weight: Int!
          size: Size!
          contents: Contents!
        }
        type Size @shareable {
          width: Int!
          height: Int!
        }
        union Contents = Book | Lamp
        type Book @shareable {
          pages: Int!
        }
        type Lamp @shareable {
          watts: Int!
        }
      `,
      resolvers: {
        Query: { parcels: () => parcels },
        Parcel: { __resolveReference: (ref: { id: string }) => parcels.find((p) => p.id === ref.id) },
        Contents: { __resolveType: (c: { __typename: string }) => c.__typename },
      },
    },
    {
      name: 'shipping',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@external', '@requires', '@shareable')}
        type Parcel @key(fields: "id") {
          id: ID!
          weight: Int! @external
          size: Size! @external
          contents: Contents! @external
          cost: Int! @requires(fields: "weight size { width height }")
          label: String! @requires(fields: "contents { ... on Book { pages } ... on Lamp { watts } }")
        }
        type Size @shareable {
          width: Int!
          height: Int!
        }
        union Contents = Book | Lamp
        type Book @shareable {
          pages: Int!
        }
        type Lamp @shareable {
          watts: Int!
        }
      `,
      resolvers: {
        Parcel: {
          __resolveReference: (ref: Record<string, unknown>) => ref,
          cost: (p: { weight: number; size: { width: number; height: number } }) =>
            p.weight * 3 + Math.ceil((p.size.width * p.size.height) / 100),
          label: (p: { contents: { pages?: number; watts?: number } }) =>
            p.contents.pages !== undefined ? `book of ${p.contents.pages} pages` : `lamp of ${p.contents.watts} W`,
        },
        Contents: { __resolveType: (c: { pages?: number }) => (c.pages !== undefined ? 'Book' : 'Lamp') },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('@requires', () => {
  it('sends the required fields, plain and nested, to the requiring subgraph', async () => {
    await conformance.expectAnswer('{ parcels { id cost } }', {
      data: {
        parcels: [
          { id: 'x1', cost: 8 },
          { id: 'x2', cost: 23 },
        ],
      },
    });
  });

  it('sends required fields selected through inline fragments on a union', async () => {
    await conformance.expectAnswer('{ parcels { id label weight } }', {
      data: {
        parcels: [
          { id: 'x1', label: 'book of 300 pages', weight: 2 },
          { id: 'x2', label: 'lamp of 60 W', weight: 7 },
        ],
      },
    });
  });
});
