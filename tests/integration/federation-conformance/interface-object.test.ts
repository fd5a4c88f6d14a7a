import { link, startConformance, type Conformance } from './harness';

/**
 * @interfaceObject: a subgraph that knows the interface `Account` only as an
 * object type adds fields to every implementation (the Guild audit's
 * `simple-interface-object` and `interface-object-with-requires`). With the
 * fetch cache asking `__typename` itself, the @interfaceObject subgraph's
 * answer `Account` overwrote `User`/`Admin` and every field silently went.
 *
 * The shapes the audit asks are all here, from either side: from the owner's
 * root field and from the @interfaceObject subgraph's own root field (which
 * cannot tell an object's concrete type, so `__typename` and every type
 * condition need a fetch from the owner first), a @requires on an
 * @interfaceObject field, and a second @interfaceObject subgraph (c) whose
 * field an implementation (Admin) shares.
 */
let conformance: Conformance;

beforeAll(async () => {
  const accounts = [
    { __typename: 'User', id: 'u1', name: 'Ada', email: 'ada@example.com' },
    { __typename: 'Admin', id: 'a1', name: 'Bob', isMain: true },
    { __typename: 'User', id: 'u2', name: 'Cy', email: 'cy@example.com' },
  ];
  const names: Record<string, string> = { u1: 'Ada L.', a1: 'Bob M.', u2: 'Cy N.' };
  const levels: Record<string, number> = { u1: 1, a1: 3, u2: 2 };
  conformance = await startConformance([
    {
      name: 'a',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@shareable')}
        type Query {
          accounts: [Account!]!
        }
        interface Account @key(fields: "id") {
          id: ID!
          name: String!
        }
        type User implements Account @key(fields: "id") {
          id: ID!
          name: String!
          email: String!
        }
        type Admin implements Account @key(fields: "id") {
          id: ID!
          name: String!
          isMain: Boolean!
          level: Int! @shareable
        }
      `,
      resolvers: {
        Query: { accounts: () => accounts },
        Account: {
          __resolveType: (a: { __typename: string }) => a.__typename,
          __resolveReference: (ref: { id: string }) => accounts.find((a) => a.id === ref.id),
        },
        User: { __resolveReference: (ref: { id: string }) => accounts.find((a) => a.id === ref.id) },
        Admin: {
          __resolveReference: (ref: { id: string }) => accounts.find((a) => a.id === ref.id),
          level: (a: { id: string }) => levels[a.id],
        },
      },
    },
    {
      name: 'b',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@interfaceObject', '@external', '@requires')}
        type Query {
          anotherAccounts: [Account!]!
        }
        type Account @key(fields: "id") @interfaceObject {
          id: ID!
          nickname: String!
          name: String! @external
          greeting: String! @requires(fields: "name")
        }
      `,
      resolvers: {
        Query: { anotherAccounts: () => [{ id: 'u2' }, { id: 'a1' }] },
        Account: {
          __resolveReference: (ref: { id: string; name?: string }) => ({ ...ref }),
          nickname: (a: { id: string }) => names[a.id] ?? null,
          greeting: (a: { name: string }) => `Hello, ${a.name}`,
        },
      },
    },
    {
      name: 'c',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@interfaceObject', '@shareable')}
        type Account @key(fields: "id") @interfaceObject {
          id: ID!
          level: Int! @shareable
        }
      `,
      resolvers: {
        Account: {
          // A wrong type on purpose: an @interfaceObject subgraph's __typename must never reach the answer.
          __resolveReference: (ref: { id: string }) => ({ __typename: 'Nothing', id: ref.id }),
          level: (a: { id: string }) => levels[a.id],
        },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('@interfaceObject', () => {
  it('adds its fields to every implementation, with concrete types kept', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          accounts {
            __typename
            id
            nickname
            ... on User {
              email
            }
            ... on Admin {
              isMain
            }
          }
        }
      `,
      {
        data: {
          accounts: [
            { __typename: 'User', id: 'u1', nickname: 'Ada L.', email: 'ada@example.com' },
            { __typename: 'Admin', id: 'a1', nickname: 'Bob M.', isMain: true },
            { __typename: 'User', id: 'u2', nickname: 'Cy N.', email: 'cy@example.com' },
          ],
        },
      },
    );
  });

  it('resolves the interface from the @interfaceObject subgraph (its own root field) in its owner', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          anotherAccounts {
            id
            name
            ... on User {
              email
            }
          }
        }
      `,
      {
        data: {
          anotherAccounts: [
            { id: 'u2', name: 'Cy', email: 'cy@example.com' },
            { id: 'a1', name: 'Bob' },
          ],
        },
      },
    );
  });

  it('resolves @requires of an @interfaceObject field', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          accounts {
            id
            greeting
          }
        }
      `,
      {
        data: {
          accounts: [
            { id: 'u1', greeting: 'Hello, Ada' },
            { id: 'a1', greeting: 'Hello, Bob' },
            { id: 'u2', greeting: 'Hello, Cy' },
          ],
        },
      },
    );
  });

  it('tells the concrete type of what the @interfaceObject subgraph returns, from the owner', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          anotherAccounts {
            nickname
            __typename
          }
        }
      `,
      {
        data: {
          anotherAccounts: [
            { nickname: 'Cy N.', __typename: 'User' },
            { nickname: 'Bob M.', __typename: 'Admin' },
          ],
        },
      },
    );
  });

  it('applies a type condition to what the @interfaceObject subgraph returns, its own fields included', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          anotherAccounts {
            ... on Admin {
              nickname
            }
          }
        }
      `,
      { data: { anotherAccounts: [{}, { nickname: 'Bob M.' }] } },
    );
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          anotherAccounts {
            ... on Admin {
              __typename
            }
          }
        }
      `,
      { data: { anotherAccounts: [{}, { __typename: 'Admin' }] } },
    );
  });

  it('resolves @requires of an @interfaceObject field asked from its own root field, beside a fragment', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          anotherAccounts {
            ... on User {
              email
              greeting
            }
            id
            name
          }
        }
      `,
      {
        data: {
          anotherAccounts: [
            { email: 'cy@example.com', greeting: 'Hello, Cy', id: 'u2', name: 'Cy' },
            { id: 'a1', name: 'Bob' },
          ],
        },
      },
    );
  });

  it('adds a second @interfaceObject subgraph field, shared with an implementation', async () => {
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          anotherAccounts {
            id
            level
          }
        }
      `,
      {
        data: {
          anotherAccounts: [
            { id: 'u2', level: 2 },
            { id: 'a1', level: 3 },
          ],
        },
      },
    );
    await conformance.expectAnswer(
      /* GraphQL */ `
        {
          accounts {
            id
            ... on Admin {
              level
            }
          }
        }
      `,
      { data: { accounts: [{ id: 'u1' }, { id: 'a1', level: 3 }, { id: 'u2' }] } },
    );
  });
});
