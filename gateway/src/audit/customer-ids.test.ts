import { buildSchema, parse } from 'graphql';
import { customerIdsInResult } from './customer-ids';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    customer(id: ID!): Customer
    customers(ids: [ID!]!): [Customer]!
    ownerAt(value: String!): Ownership
  }
  type Customer {
    id: ID!
    name: String
    friends: [Customer!]!
  }
  type Ownership {
    customerIdThen: ID!
    customer: Customer
  }
`);

describe('customerIdsInResult', () => {
  it('collects the id of every Customer object, through aliases, lists, nesting and fragments', () => {
    const document = parse(/* GraphQL */ `
      query Page {
        a: customer(id: "1") {
          key: id
          name
          friends {
            ...F
          }
        }
        customers(ids: ["3", "4"]) {
          ... on Customer {
            id
          }
        }
        ownerAt(value: "x") {
          customerIdThen
          customer {
            id
          }
        }
      }
      fragment F on Customer {
        id
      }
    `);
    const data = {
      a: { key: 'c1', name: 'Ann', friends: [{ id: 'c2' }] },
      customers: [{ id: 'c3' }, null],
      ownerAt: { customerIdThen: 'not-a-customer-field', customer: { id: 'c5' } },
    };
    expect(customerIdsInResult(schema, document, 'Page', data)).toEqual(['c1', 'c2', 'c3', 'c5']);
  });

  it('finds nothing when the operation reads a customer without its id, or when there is no data', () => {
    const document = parse('{ customer(id: "1") { name } }');
    expect(customerIdsInResult(schema, document, null, { customer: { name: 'Ann' } })).toEqual([]);
    expect(customerIdsInResult(schema, document, null, null)).toEqual([]);
  });
});
