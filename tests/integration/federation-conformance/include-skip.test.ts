import { link, startConformance, type Conformance } from './harness';

/** @include and @skip, by variables, on fields resolved by another subgraph and on fragments. */
let conformance: Conformance;

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'shop',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Query {
          order: Order!
        }
        type Order @key(fields: "id") {
          id: ID!
          total: Int!
        }
      `,
      resolvers: {
        Query: { order: () => ({ id: 'o1', total: 42 }) },
        Order: { __resolveReference: (ref: { id: string }) => ({ ...ref, total: 42 }) },
      },
    },
    {
      name: 'delivery',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Order @key(fields: "id") {
          id: ID!
          eta: String!
          carrier: String!
        }
      `,
      resolvers: {
        Order: { __resolveReference: (ref: { id: string }) => ({ ...ref, eta: 'tomorrow', carrier: 'Post' }) },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

const QUERY = /* GraphQL */ `
  query ($withEta: Boolean!, $skipCarrier: Boolean!) {
    order {
      id
      eta @include(if: $withEta)
      ... on Order @skip(if: $skipCarrier) {
        carrier
      }
      total @skip(if: $withEta)
    }
  }
`;

describe('@include and @skip', () => {
  it.each([
    [
      { withEta: true, skipCarrier: false },
      { id: 'o1', eta: 'tomorrow', carrier: 'Post' },
    ],
    [
      { withEta: false, skipCarrier: true },
      { id: 'o1', total: 42 },
    ],
    [
      { withEta: false, skipCarrier: false },
      { id: 'o1', carrier: 'Post', total: 42 },
    ],
    [
      { withEta: true, skipCarrier: true },
      { id: 'o1', eta: 'tomorrow' },
    ],
  ])('with %j answers %j', async (variables, order) => {
    await conformance.expectAnswer(QUERY, { data: { order } }, variables);
  });
});
