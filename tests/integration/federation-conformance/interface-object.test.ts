import { link, startConformance, type Conformance } from './harness';

/**
 * @interfaceObject: a subgraph that knows the interface `Account` only as an
 * object type adds fields to every implementation (the Guild audit's
 * `simple-interface-object` and `interface-object-with-requires`). With the
 * fetch cache asking `__typename` itself, the @interfaceObject subgraph's
 * answer `Account` overwrote `User`/`Admin` and every field silently went.
 */
let conformance: Conformance;

beforeAll(async () => {
  const accounts = [
    { __typename: 'User', id: 'u1', name: 'Ada', email: 'ada@example.com' },
    { __typename: 'Admin', id: 'a1', name: 'Bob', isMain: true },
    { __typename: 'User', id: 'u2', name: 'Cy', email: 'cy@example.com' },
  ];
  const names: Record<string, string> = { u1: 'Ada L.', a1: 'Bob M.', u2: 'Cy N.' };
  conformance = await startConformance([
    {
      name: 'a',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
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
        }
      `,
      resolvers: {
        Query: { accounts: () => accounts },
        Account: {
          __resolveType: (a: { __typename: string }) => a.__typename,
          __resolveReference: (ref: { id: string }) => accounts.find((a) => a.id === ref.id),
        },
        User: { __resolveReference: (ref: { id: string }) => accounts.find((a) => a.id === ref.id) },
        Admin: { __resolveReference: (ref: { id: string }) => accounts.find((a) => a.id === ref.id) },
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
});
