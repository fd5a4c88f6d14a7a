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
    // The ids asked for count too (a merged-away id asked for answers its survivor's id).
    expect(customerIdsInResult(schema, document, 'Page', data)).toEqual(['1', '3', '4', 'c1', 'c2', 'c3', 'c5']);
  });

  it('counts a customer fetched by id under that id, even when the operation does not select it', () => {
    const document = parse('query ($id: ID!) { customer(id: $id) { name } customers(ids: ["c7", "c8"]) { name } }');
    const data = { customer: { name: 'Ann' }, customers: [{ name: 'Bob' }, null] };
    expect(customerIdsInResult(schema, document, null, data, { id: 'c6' })).toEqual(['c6', 'c7', 'c8']);
    expect(customerIdsInResult(schema, document, null, { customer: null, customers: [] }, { id: 'c6' })).toEqual([
      'c7',
      'c8',
    ]);
  });

  it('finds nothing when a customer found otherwise is read without its id, or when there is no data', () => {
    const document = parse('{ ownerAt(value: "x") { customer { name } } }');
    expect(customerIdsInResult(schema, document, null, { ownerAt: { customer: { name: 'Ann' } } })).toEqual([]);
    expect(customerIdsInResult(schema, document, null, null)).toEqual([]);
  });
});
