import { loadEmbeddedConfig } from '@c360/embedded/config';
import { startProduct, type Product } from '@c360/embedded/product';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { testEnv } from '@c360/test-setup/test-env';
import {
  createTestPerson,
  CUSTOMER_PAGE,
  E2E_AUTH,
  PRODUCTION_ACCESS,
  removeTestPerson,
  samples,
  wholeCustomer,
  type TestPerson,
} from './fixtures';

/**
 * A source subgraph goes down under a running gateway: the customer page
 * still answers, with the other sources' data, null for the dead source's
 * field and an error naming the field and the subgraph. Production mode, so
 * that the responses are exactly what a client sees (no stack traces).
 */
let product: Product;
let person: TestPerson;
let base: string;

beforeAll(async () => {
  // The gateway cache off: a cached shopAccounts would (rightly) survive the shop going down, and this
  // scenario is about what a client sees when a fetch has to be made and fails.
  const config = loadEmbeddedConfig(
    testEnv({ SEED_DEMO: 'false', C360_MODE: 'production', GATEWAY_CACHE: 'false', ...PRODUCTION_ACCESS }),
  );
  product = await startProduct(config, createLogger(config.LOG_LEVEL), { pollFeeds: false });
  base = product.gateway.url.replace(/\/graphql$/, '');
  person = await createTestPerson(product);
}, 300_000);

afterAll(async () => {
  if (person) await removeTestPerson(product, person);
  await product?.stop();
});

const SUBGRAPHS = [
  'identity',
  'crm',
  'commerce',
  'stores',
  'web',
  'support',
  'surveys',
  'consent',
  'profile',
  'privacy',
];
const allSubgraphs = (state: string) => Object.fromEntries(SUBGRAPHS.map((name) => [name, state]));
const metrics = async () => (await fetch(`${base}/metrics`, { headers: E2E_AUTH })).text();

describe('gateway resilience: a source subgraph goes down', () => {
  it('is ready and live when every subgraph is up', async () => {
    const ready = await fetch(`${base}/ready`, { headers: E2E_AUTH });
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ok', supergraphLoaded: true, subgraphs: allSubgraphs('up') },
    });
    const live = await fetch(`${base}/live`);
    expect({ status: live.status, body: await live.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers the whole customer page, and counts the request, its latency and each subgraph fetch', async () => {
    const res = await postGraphQL(product.gateway.url, CUSTOMER_PAGE, { email: person.email }, E2E_AUTH);
    expect(res).toEqual({ status: 200, data: { customerByIdentifier: wholeCustomer(person) } });

    const text = await metrics();
    expect(samples(text, 'c360_gateway_requests_total')).toEqual(
      expect.arrayContaining(['c360_gateway_requests_total{operation_name="CustomerPage",outcome="success"} 1']),
    );
    expect(samples(text, 'c360_gateway_request_duration_seconds_count')).toEqual(
      expect.arrayContaining([
        'c360_gateway_request_duration_seconds_count{operation_name="CustomerPage",outcome="success"} 1',
      ]),
    );
    // One fetch to identity for this query (plus the two observeRecord mutations of the fixture), one to each source.
    expect(samples(text, 'c360_gateway_subgraph_fetch_duration_seconds_count').sort()).toEqual([
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="commerce",outcome="success"} 1',
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="crm",outcome="success"} 1',
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="identity",outcome="success"} 3',
    ]);
    expect(samples(text, 'c360_gateway_subgraph_breaker_state')).toEqual(
      expect.arrayContaining([
        'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="closed"} 1',
        'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="open"} 0',
      ]),
    );
    expect(samples(text, 'c360_gateway_errors_total')).toEqual([]);
    expect(samples(text, 'c360_gateway_subgraph_failures_total')).toEqual([]);
  });

  it('answers with the CRM data, shopAccounts null and a SUBGRAPH_UNAVAILABLE error at its path when the shop is down', async () => {
    await product.sources.commerce.stop();
    const res = await postGraphQL(product.gateway.url, CUSTOMER_PAGE, { email: person.email }, E2E_AUTH);
    expect(res).toEqual({
      status: 200,
      data: { customerByIdentifier: { ...wholeCustomer(person), shopAccounts: null } },
      errors: [
        {
          message: 'Subgraph "commerce" is unavailable: connection refused',
          path: ['customerByIdentifier', 'shopAccounts'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'commerce', serviceName: 'commerce' },
        },
      ],
    });

    const text = await metrics();
    expect(samples(text, 'c360_gateway_requests_total')).toEqual(
      expect.arrayContaining(['c360_gateway_requests_total{operation_name="CustomerPage",outcome="partial"} 1']),
    );
    expect(samples(text, 'c360_gateway_errors_total')).toEqual([
      'c360_gateway_errors_total{code="SUBGRAPH_UNAVAILABLE"} 1',
    ]);
    expect(samples(text, 'c360_gateway_subgraph_failures_total')).toEqual([
      'c360_gateway_subgraph_failures_total{subgraph="commerce",code="SUBGRAPH_UNAVAILABLE"} 1',
    ]);
    expect(samples(text, 'c360_gateway_subgraph_fetch_duration_seconds_count')).toEqual(
      expect.arrayContaining([
        'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="commerce",outcome="failure"} 1',
      ]),
    );
  });

  it('puts the error on each customer of a list at its own path', async () => {
    const res = await postGraphQL(
      product.gateway.url,
      /* GraphQL */ `
        query TwoCustomers($id: ID!, $email: String!) {
          byId: customer(id: $id) {
            shopAccounts {
              accountId
            }
            crmContacts {
              contactId
            }
          }
          byEmail: customerByIdentifier(kind: EMAIL, value: $email) {
            accounts: shopAccounts {
              accountId
            }
          }
        }
      `,
      { id: person.customerId, email: person.email },
      E2E_AUTH,
    );
    const error = (path: string[]) => ({
      message: 'Subgraph "commerce" is unavailable: connection refused',
      path,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'commerce', serviceName: 'commerce' },
    });
    expect(res).toEqual({
      status: 200,
      data: {
        byId: { shopAccounts: null, crmContacts: [{ contactId: person.contactId }] },
        byEmail: { accounts: null },
      },
      errors: [error(['byId', 'shopAccounts']), error(['byEmail', 'accounts'])],
    });
  });

  it('is not ready, naming the subgraph that is down, while it stays live', async () => {
    const ready = await fetch(`${base}/ready`, { headers: E2E_AUTH });
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        supergraphLoaded: true,
        subgraphs: { ...allSubgraphs('up'), commerce: 'down' },
      },
    });
    expect((await fetch(`${base}/live`)).status).toBe(200);
  });
});
