import { loadEmbeddedConfig } from '@c360/embedded/config';
import { startProduct, type Product } from '@c360/embedded/product';
import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway, type RunningGateway } from '@c360/gateway/server';
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
  sleep,
  startStandIn,
  wholeCustomer,
  type StandIn,
  type TestPerson,
} from './fixtures';

/**
 * A stuck shop subgraph: a stand-in in front of the real one accepts
 * requests and never answers. A gateway of our own routes `commerce` to it,
 * with a 1 s budget and a breaker that opens after 3 consecutive failures.
 * The budget is the bound of "fails fast" and of the real shop's answer once
 * the stand-in lets calls through: 300 ms was less than a whole page took on
 * a loaded machine (372 ms, load 16), so a test of the breaker failed on time.
 */
const TIMEOUT_MS = 1000;
const FAILURES = 3;
const COOLDOWN_MS = 1500;

let product: Product;
let person: TestPerson;
let standIn: StandIn;
let gateway: RunningGateway;

beforeAll(async () => {
  const config = loadEmbeddedConfig(testEnv({ SEED_DEMO: 'false', ...PRODUCTION_ACCESS }));
  const logger = createLogger(config.LOG_LEVEL);
  product = await startProduct(config, logger, { pollFeeds: false });
  person = await createTestPerson(product);
  // The page once through the product's own gateway (the real shop): Neo4j, the subgraphs and their pools warm,
  // so that the timed requests below measure the budget, not a cold start (4.3 s on a loaded machine).
  const warm = await postGraphQL(product.gateway.url, CUSTOMER_PAGE, { email: person.email }, E2E_AUTH);
  expect(warm.errors).toBeUndefined();
  standIn = await startStandIn(product.sources.commerce.url, 'hang');
  gateway = await startGateway({
    config: loadGatewayConfig(
      testEnv({
        C360_MODE: 'production',
        // Every request must reach the stand-in: a cached answer would hide the timeouts under test.
        GATEWAY_CACHE: 'false',
        ...PRODUCTION_ACCESS,
        // Only the stand-in gets the short budget: identity and the CRM keep the default, so
        // that a cold Neo4j on a busy machine cannot make them time out instead.
        SUBGRAPH_TIMEOUT_MS_COMMERCE: String(TIMEOUT_MS),
        SUBGRAPH_BREAKER_FAILURES: String(FAILURES),
        SUBGRAPH_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
      }),
    ),
    logger,
    subgraphUrls: { identity: product.identity.server.url, crm: product.sources.crm.url, commerce: standIn.url },
  });
}, 300_000);

afterAll(async () => {
  await gateway?.stop();
  await standIn?.close();
  if (person) await removeTestPerson(product, person);
  await product?.stop();
});

const timedOut = {
  message: `Subgraph "commerce" timed out: no answer within ${TIMEOUT_MS} ms`,
  path: ['customerByIdentifier', 'shopAccounts'],
  extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph: 'commerce', serviceName: 'commerce' },
};
const breakerOpen = (failures: number) => ({
  message: `Subgraph "commerce" is unavailable: circuit breaker open after ${failures} consecutive failures`,
  path: ['customerByIdentifier', 'shopAccounts'],
  extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'commerce', serviceName: 'commerce' },
});

async function customerPage() {
  const started = performance.now();
  const res = await postGraphQL(gateway.url, CUSTOMER_PAGE, { email: person.email }, E2E_AUTH);
  return { res, ms: performance.now() - started };
}

const metrics = async () => (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'), { headers: E2E_AUTH })).text();

describe('gateway resilience: a subgraph that does not answer', () => {
  it('answers within the budget with the other sources, shopAccounts null and SUBGRAPH_TIMEOUT', async () => {
    const { res, ms } = await customerPage();
    expect(res).toEqual({
      status: 200,
      data: { customerByIdentifier: { ...wholeCustomer(person), shopAccounts: null } },
      errors: [timedOut],
    });
    expect(standIn.calls).toBe(1);
    // The budget, plus a generous margin for identity, the CRM and the gateway itself.
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
  });

  it(`opens the breaker after ${FAILURES} consecutive timeouts; then fails fast without calling the subgraph`, async () => {
    for (let i = 2; i <= FAILURES; i++) expect((await customerPage()).res.errors).toEqual([timedOut]);
    expect(standIn.calls).toBe(FAILURES);

    const { res, ms } = await customerPage();
    expect(res).toEqual({
      status: 200,
      data: { customerByIdentifier: { ...wholeCustomer(person), shopAccounts: null } },
      errors: [breakerOpen(FAILURES)],
    });
    expect(standIn.calls).toBe(FAILURES);
    // Fast: it did not wait for the budget.
    expect(ms).toBeLessThan(TIMEOUT_MS);

    const text = await metrics();
    expect(samples(text, 'c360_gateway_subgraph_breaker_state').filter((l) => l.includes('"commerce"'))).toEqual([
      'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="closed"} 0',
      'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="open"} 1',
      'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="half-open"} 0',
    ]);
    expect(samples(text, 'c360_gateway_subgraph_failures_total').sort()).toEqual([
      'c360_gateway_subgraph_failures_total{subgraph="commerce",code="SUBGRAPH_TIMEOUT"} 3',
      'c360_gateway_subgraph_failures_total{subgraph="commerce",code="SUBGRAPH_UNAVAILABLE"} 1',
    ]);
    expect(samples(text, 'c360_gateway_errors_total').sort()).toEqual([
      'c360_gateway_errors_total{code="SUBGRAPH_TIMEOUT"} 3',
      'c360_gateway_errors_total{code="SUBGRAPH_UNAVAILABLE"} 1',
    ]);
    expect(samples(text, 'c360_gateway_requests_total')).toEqual([
      'c360_gateway_requests_total{operation_name="CustomerPage",outcome="partial"} 4',
    ]);
    // The refused call never went out: only the three timed-out fetches are in the latency histogram.
    expect(samples(text, 'c360_gateway_subgraph_fetch_duration_seconds_count').sort()).toEqual([
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="commerce",outcome="failure"} 3',
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="crm",outcome="success"} 4',
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="identity",outcome="success"} 4',
    ]);
  });

  it('after the cool-down lets one trial through; a failed trial opens the breaker again', async () => {
    await sleep(COOLDOWN_MS + 100);
    const trial = await customerPage();
    expect(trial.res.errors).toEqual([timedOut]);
    expect(standIn.calls).toBe(FAILURES + 1);

    expect((await customerPage()).res.errors).toEqual([breakerOpen(FAILURES + 1)]);
    expect(standIn.calls).toBe(FAILURES + 1);
  });

  it('closes the breaker when the trial succeeds', async () => {
    standIn.mode = 'pass';
    await sleep(COOLDOWN_MS + 100);
    expect((await customerPage()).res).toEqual({ status: 200, data: { customerByIdentifier: wholeCustomer(person) } });
    expect(standIn.calls).toBe(FAILURES + 2);
    expect((await customerPage()).res).toEqual({ status: 200, data: { customerByIdentifier: wholeCustomer(person) } });
    expect(standIn.calls).toBe(FAILURES + 3);

    const text = await metrics();
    expect(samples(text, 'c360_gateway_subgraph_breaker_state').filter((l) => l.includes('"commerce"'))).toEqual([
      'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="closed"} 1',
      'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="open"} 0',
      'c360_gateway_subgraph_breaker_state{subgraph="commerce",state="half-open"} 0',
    ]);
  });
});
