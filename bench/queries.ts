/**
 * The pages the benchmarks ask for: the call-centre customer 360 page by email
 * (bench/customer-360.graphql), and the same page for a list of customers by id.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const QUERY = readFileSync(path.join(__dirname, 'customer-360.graphql'), 'utf8');

/** The customer 360 page of every customer of `$ids` (the 100-customer list). */
export const LIST_QUERY = QUERY.replace(
  'query BenchCustomer360($email: String!)',
  'query BenchCustomerList($ids: [ID!]!)',
).replace('customerByIdentifier(kind: EMAIL, value: $email)', 'customers(ids: $ids)');
