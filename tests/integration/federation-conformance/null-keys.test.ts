import { link, startConformance, type Conformance } from './harness';

/**
 * Null keys: a reference that is null is not sent for resolution, an entity
 * the owner does not know resolves to null (no error), and a null nullable
 * field of an entity stays null across subgraphs.
 */
let conformance: Conformance;

const users = [{ id: 'u1', name: 'Ada', nickname: null }];

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'posts',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Query {
          posts: [Post!]!
        }
        type Post {
          title: String!
          author: User
        }
        type User @key(fields: "id") {
          id: ID!
        }
      `,
      resolvers: {
        Query: {
          posts: () => [
            { title: 'known', author: { id: 'u1' } },
            { title: 'anonymous', author: null },
            { title: 'deleted author', author: { id: 'gone' } },
          ],
        },
      },
    },
    {
      name: 'users',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type User @key(fields: "id") {
          id: ID!
          name: String
          nickname: String
        }
      `,
      resolvers: {
        User: { __resolveReference: (ref: { id: string }) => users.find((u) => u.id === ref.id) ?? null },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('null keys and unknown entities', () => {
  it('leaves a null reference null, and an unknown entity with null fields, without errors', async () => {
    await conformance.expectAnswer('{ posts { title author { id name nickname } } }', {
      data: {
        posts: [
          { title: 'known', author: { id: 'u1', name: 'Ada', nickname: null } },
          { title: 'anonymous', author: null },
          { title: 'deleted author', author: { id: 'gone', name: null, nickname: null } },
        ],
      },
    });
  });
});
