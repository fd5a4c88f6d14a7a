import { link, startConformance, type Conformance } from './harness';

/** @override: a field moved from one subgraph to another is resolved by its new owner only. */
let conformance: Conformance;

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'legacy',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Query {
          invoices: [Invoice!]!
        }
        type Invoice @key(fields: "id") {
          id: ID!
          total: Int!
          status: String!
        }
      `,
      resolvers: {
        Query: { invoices: () => [{ id: 'i1' }, { id: 'i2' }] },
        Invoice: {
          __resolveReference: (ref: { id: string }) => ref,
          total: () => -1,
          status: (i: { id: string }) => (i.id === 'i1' ? 'PAID' : 'OPEN'),
        },
      },
    },
    {
      name: 'billing',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@override')}
        type Invoice @key(fields: "id") {
          id: ID!
          total: Int! @override(from: "legacy")
        }
      `,
      resolvers: {
        Invoice: {
          __resolveReference: (ref: { id: string }) => ref,
          total: (i: { id: string }) => (i.id === 'i1' ? 120 : 80),
        },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('@override', () => {
  it('resolves the overridden field in its new subgraph', async () => {
    await conformance.expectAnswer('{ invoices { id status total } }', {
      data: {
        invoices: [
          { id: 'i1', status: 'PAID', total: 120 },
          { id: 'i2', status: 'OPEN', total: 80 },
        ],
      },
    });
  });
});
