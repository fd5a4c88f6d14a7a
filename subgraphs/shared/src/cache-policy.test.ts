import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { cachePolicyPlugins, hasCacheHints, useDefaultCachePolicy } from './cache-policy';

const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    customer(id: ID!): Customer
    count: Int
    fails: Customer
  }
  type Customer @key(fields: "id") {
    id: ID!
    name: String
    orders: [Order!]!
  }
  type Order {
    id: ID!
  }
`);

const resolvers = {
  Query: {
    customer: (_: unknown, { id }: { id: string }) => (id === 'none' ? null : { id }),
    count: () => 2,
    fails: () => {
      throw new Error('down');
    },
  },
  Customer: {
    __resolveReference: ({ id }: { id: string }) => (id === 'none' ? null : { id }),
    name: () => 'Ada',
    orders: () => [{ id: 'o1' }],
  },
};

/** The answer's cache policy (`overallCachePolicy.policyIfCacheable()`) under one cache plugin. */
async function policyOf(
  schema: GraphQLSchema,
  plugins: ApolloServerPlugin<BaseContext>[],
  query: string,
  variables = {},
) {
  let policy: unknown = 'unset';
  const server = new ApolloServer({
    schema,
    plugins: [
      ...plugins,
      {
        async requestDidStart() {
          return {
            async willSendResponse({ overallCachePolicy }) {
              policy = overallCachePolicy.policyIfCacheable();
            },
          };
        },
      },
    ],
  });
  await server.start();
  try {
    await server.executeOperation({ query, variables });
  } finally {
    await server.stop();
  }
  return policy;
}

const operations: [string, string, Record<string, unknown>?][] = [
  ['a root field returning an object', '{ customer(id: "1") { id name orders { id } } }'],
  ['a root field returning null', '{ customer(id: "none") { id } }'],
  ['a root scalar', '{ count }'],
  ['a root field that throws', '{ fails { id } }'],
  ['only __typename', '{ __typename }'],
  ['introspection only', '{ __schema { queryType { name } } }'],
  ['entities', '{ _entities(representations: [{ __typename: "Customer", id: "1" }]) { ... on Customer { name } } }'],
  ['the service SDL', '{ _service { sdl } }'],
  ['every root field skipped', '{ count @skip(if: true) customer(id: "1") @include(if: false) { id } }'],
  ['a skip from a variable', 'query ($s: Boolean!) { count @skip(if: $s) }', { s: true }],
  ['a skip from a variable default', 'query ($s: Boolean = true) { count @skip(if: $s) }'],
  ['a kept field beside a skipped one', 'query ($s: Boolean!) { count @skip(if: $s) __typename }', { s: false }],
  ['a skipped fragment', '{ ...F @skip(if: true) } fragment F on Query { count }'],
  ['a fragment', '{ ...F } fragment F on Query { ... on Query { count } }'],
  ['a fragment of __typename only', '{ ...F } fragment F on Query { __typename }'],
  ['invalid variables', 'query ($id: ID!) { customer(id: $id) { id } }', { id: { not: 'an id' } }],
];

describe('the cache policy of a subgraph answer, once per operation', () => {
  const schema = buildSubgraphSchema({ typeDefs, resolvers });

  it.each([0, 30])(
    'is the policy of Apollo cache-control plugin for every operation (default max-age %i)',
    async (maxAge) => {
      for (const [what, query, variables] of operations) {
        const apollo = await policyOf(
          schema,
          [ApolloServerPluginCacheControl({ defaultMaxAge: maxAge, calculateHttpHeaders: false })],
          query,
          variables,
        );
        const ours = await policyOf(schema, useDefaultCachePolicy(maxAge), query, variables);
        expect({ what, policy: ours }).toEqual({ what, policy: apollo });
      }
    },
  );

  it('answers a cacheable query with the default max-age, public unless said otherwise', async () => {
    expect(await policyOf(schema, useDefaultCachePolicy(30), '{ count }')).toEqual({ maxAge: 30, scope: 'PUBLIC' });
  });

  it('keeps Apollo plugin for a schema with @cacheControl hints', async () => {
    const hinted = buildSubgraphSchema({
      typeDefs: parse(/* GraphQL */ `
        enum CacheControlScope {
          PUBLIC
          PRIVATE
        }
        directive @cacheControl(
          maxAge: Int
          scope: CacheControlScope
          inheritMaxAge: Boolean
        ) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
        type Query {
          count: Int @cacheControl(maxAge: 5, scope: PRIVATE)
        }
      `),
      resolvers: { Query: { count: () => 1 } },
    });
    expect(hasCacheHints(schema)).toBe(false);
    expect(hasCacheHints(hinted)).toBe(true);
    expect(await policyOf(hinted, cachePolicyPlugins(hinted, 30), '{ count }')).toEqual({
      maxAge: 5,
      scope: 'PRIVATE',
    });
  });
});
