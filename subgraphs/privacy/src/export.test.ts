import { buildSchema, isObjectType, parse, validate } from 'graphql';
import { exportFields, loadSupergraphSchema } from './export';

describe('exportFields', () => {
  const supergraph = loadSupergraphSchema();

  it('covers every field of the supergraph Customer type but its id, each as a valid query', () => {
    const customer = supergraph.getType('Customer');
    if (!isObjectType(customer)) throw new Error('no Customer type');
    const fields = exportFields(supergraph);
    expect(fields.map((f) => f.name).sort()).toEqual(
      Object.keys(customer.getFields())
        .filter((name) => name !== 'id')
        .sort(),
    );
    for (const field of fields) {
      for (const selection of [field.query, ...field.parts]) {
        const variables = field.paged ? '($id: ID!, $after: String)' : '($id: ID!)';
        const query = `query CustomerDataExport${variables} { customer(id: $id) { ${field.name}${selection} } }`;
        expect({ field: field.name, errors: validate(supergraph, parse(query)).map((e) => e.message) }).toEqual({
          field: field.name,
          errors: [],
        });
      }
    }
  });

  it('follows a new field without being told, pages connections, and does not loop through back references', () => {
    const schema = buildSchema(/* GraphQL */ `
      type Query {
        customer(id: ID!): Customer
      }
      type Customer {
        id: ID!
        newField: String
        orders(first: Int = 10, after: String): OrderConnection
      }
      type OrderConnection {
        edges: [OrderEdge!]!
        pageInfo: PageInfo!
      }
      type OrderEdge {
        node: Order!
      }
      type Order {
        number: String
        buyer: Customer
        self: Order
      }
      type PageInfo {
        hasNextPage: Boolean!
        endCursor: String
      }
    `);
    expect(exportFields(schema)).toEqual([
      { name: 'newField', query: '', paged: false, parts: [] },
      {
        name: 'orders',
        query:
          '(first: 100, after: $after) { edges { node { number buyer { id } } } pageInfo { hasNextPage endCursor } }',
        paged: true,
        parts: [],
      },
    ]);
  });
});
