import { link, startConformance, type Conformance } from './harness';

/**
 * @provides and @external: a subgraph that can resolve an entity's external
 * field on one path (@provides) is asked for it there, and the owner elsewhere.
 */
let conformance: Conformance;

const users = [
  { id: 'u1', username: 'ada', karma: 10 },
  { id: 'u2', username: 'bob', karma: 3 },
];

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'accounts',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@shareable')}
        type Query {
          me: User
        }
        type User @key(fields: "id") {
          id: ID!
          username: String! @shareable
          karma: Int!
        }
      `,
      resolvers: {
        Query: { me: () => users[0] },
        User: { __resolveReference: (ref: { id: string }) => users.find((u) => u.id === ref.id) },
      },
    },
    {
      name: 'reviews',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@external', '@provides')}
        type Query {
          reviews: [Review!]!
        }
        type Review {
          body: String!
          author: User! @provides(fields: "username")
          editor: User!
        }
        type User @key(fields: "id") {
          id: ID!
          username: String! @external
          reviewCount: Int!
        }
      `,
      resolvers: {
        Query: {
          reviews: () => [
            // The author's name as this subgraph stored it with the review (provided).
            { body: 'Solid.', author: { id: 'u1', username: 'ada (as cached by reviews)' }, editor: { id: 'u2' } },
          ],
        },
        User: {
          __resolveReference: (ref: { id: string }) => ref,
          reviewCount: (u: { id: string }) => (u.id === 'u1' ? 1 : 0),
        },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('@provides and @external', () => {
  it('takes a provided field from the providing subgraph, without asking the owner', async () => {
    const before = conformance.calls.accounts!;
    await conformance.expectAnswer('{ reviews { body author { id username reviewCount } } }', {
      data: {
        reviews: [{ body: 'Solid.', author: { id: 'u1', username: 'ada (as cached by reviews)', reviewCount: 1 } }],
      },
    });
    expect(conformance.calls.accounts).toBe(before);
  });

  it('asks the owner for an external field on a path that does not provide it', async () => {
    await conformance.expectAnswer('{ reviews { editor { id username karma } } me { username reviewCount } }', {
      data: { reviews: [{ editor: { id: 'u2', username: 'bob', karma: 3 } }], me: { username: 'ada', reviewCount: 1 } },
    });
  });
});
