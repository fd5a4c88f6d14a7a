import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { guardPiiFields, piiFieldsOfSchema } from './pii';

const typeDefs = parse(/* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@composeDirective"])
    @link(url: "https://c360.dev/pii/v1.0", import: ["@pii"])
    @composeDirective(name: "@pii")
  directive @pii on FIELD_DEFINITION

  type Contact @key(fields: "id") {
    id: ID!
    email: String @pii
    city: String
  }
  type Query {
    contact: Contact
  }
`);

const build = () =>
  guardPiiFields<{ scopes: string[] }>(
    buildSubgraphSchema({
      typeDefs,
      resolvers: { Query: { contact: () => ({ id: '1', email: 'ann@example.com', city: 'Lyon' }) } } as never,
    }),
    (ctx) => ctx.scopes.includes('pii:read'),
  );

describe('subgraph PII guard', () => {
  it('finds the @pii fields of a subgraph schema', () => {
    expect(piiFieldsOfSchema(build())).toEqual(['Contact.email']);
  });

  it('nulls a PII field with FORBIDDEN on its path for a caller without pii:read, and keeps the rest', async () => {
    const result = await graphql({
      schema: build(),
      source: '{ contact { id email city } }',
      contextValue: { scopes: ['customer:read'] },
    });
    expect(result.data).toEqual({ contact: { id: '1', email: null, city: 'Lyon' } });
    expect(result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['contact', 'email'], 'FORBIDDEN']]);
  });

  it('serves the field to a caller with pii:read', async () => {
    const result = await graphql({
      schema: build(),
      source: '{ contact { email } }',
      contextValue: { scopes: ['pii:read'] },
    });
    expect(result).toEqual({ data: { contact: { email: 'ann@example.com' } } });
  });
});
