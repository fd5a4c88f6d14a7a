import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { parse, type GraphQLSchema } from 'graphql';
import { piiFieldsOf, piiFieldsSelected } from './usePiiGuard';

const header = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@composeDirective"])
    @link(url: "https://c360.dev/pii/v1.0", import: ["@pii"])
    @composeDirective(name: "@pii")
  directive @pii on FIELD_DEFINITION
`;

function supergraph(): string {
  const result = composeServices([
    {
      name: 'a',
      url: 'http://a',
      typeDefs: parse(
        `${header} type Customer @key(fields: "id") { id: ID! email: String @pii tier: String }
         type Query { customer(id: ID!): Customer }`,
      ),
    },
    {
      name: 'b',
      url: 'http://b',
      typeDefs: parse(`${header} type Customer @key(fields: "id") { id: ID! contact: Contact }
         type Contact { name: String @pii city: String }`),
    },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

describe('PII fields', () => {
  const sdl = supergraph();
  let schema: GraphQLSchema;
  beforeAll(async () => {
    const gateway = new ApolloGateway({ supergraphSdl: sdl });
    schema = (await gateway.load()).schema;
    await gateway.stop();
  });

  it('are read from the composed supergraph, across subgraphs', () => {
    expect([...piiFieldsOf(sdl)].sort()).toEqual(['Contact.name', 'Customer.email']);
  });

  it('are found wherever an operation selects them: nested, in fragments, under aliases', () => {
    const document = parse(/* GraphQL */ `
      query {
        customer(id: "1") {
          tier
          ...C
          mail: email
        }
      }
      fragment C on Customer {
        contact {
          city
          name
        }
      }
    `);
    expect(piiFieldsSelected(schema, document, piiFieldsOf(sdl))).toEqual(['Contact.name', 'Customer.email']);
  });

  it('are not reported for an operation without them', () => {
    const document = parse('{ customer(id: "1") { tier contact { city } } }');
    expect(piiFieldsSelected(schema, document, piiFieldsOf(sdl))).toEqual([]);
  });
});
