/**
 * The uncached customer page costs a fixed number of subgraph fetches and SQL
 * statements whatever the number of customers: one fetch per subgraph and one
 * statement per source table per level of the query plan — never one per
 * customer (N+1). Counted for the bench's list query over 50 and over 100
 * customers: subgraph fetches from the gateway's metrics, SQL statements on
 * the wire by a proxy in front of each source database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { startProduct, type Product } from '@c360/embedded/product';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';
import { StatementCounter } from './statement-counter';

const LIST_QUERY = readFileSync(path.join(__dirname, '..', '..', '..', 'bench', 'customer-360.graphql'), 'utf8')
  .replace('query BenchCustomer360($email: String!)', 'query CustomerList($ids: [ID!]!)')
  .replace('customerByIdentifier(kind: EMAIL, value: $email)', 'customers(ids: $ids)');

/** The source databases whose statements are counted (privacy's audit writes are batched on a timer). */
const COUNTED = ['CRM', 'COMMERCE', 'WEB', 'SURVEYS', 'CONSENT', 'PROFILE'] as const;

let product: Product;
let redis: Redis;
const counters: Record<string, StatementCounter> = {};

beforeAll(async () => {
  // Generous budgets: this test counts, it does not time (the machine may be busy).
  const env = testEnv({
    GATEWAY_CACHE: 'false',
    SEED_DEMO: 'true',
    SUBGRAPH_TIMEOUT_MS: '30000',
    SOURCE_TIMEOUT_MS: '10000',
  });
  for (const name of COUNTED) {
    const counter = await StatementCounter.start(env[`${name}_DATABASE_URL`]!);
    counters[name.toLowerCase()] = counter;
    env[`${name}_DATABASE_URL`] = counter.url;
  }
  const config = loadEmbeddedConfig(env);
  redis = new Redis(config.REDIS_URL!);
  product = await startProduct(config, createLogger(config.LOG_LEVEL), {
    truthPath: TEST_TRUTH_PATH,
    pollFeeds: false,
  });
}, 600_000);

afterAll(async () => {
  await product?.stop();
  redis?.disconnect();
  for (const counter of Object.values(counters)) await counter.stop();
});

/** Subgraph fetches so far, by subgraph, from the gateway's Prometheus metrics. */
async function fetchesBySubgraph(): Promise<Record<string, number>> {
  const text = await (await fetch(product.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/subgraph_fetch_duration_seconds_count\{([^}]*)\} (\d+)/g)) {
    const subgraph = /subgraph="([^"]+)"/.exec(match[1]!)?.[1];
    if (subgraph) counts[subgraph] = (counts[subgraph] ?? 0) + Number(match[2]);
  }
  return counts;
}

/** What one list query over `ids` cost: fetches per subgraph and statements per database. */
async function cost(ids: string[]): Promise<{ fetches: Record<string, number>; statements: Record<string, number> }> {
  // Identity's lookups are cached in Redis: empty it, so that every count is the uncached one.
  await redis.flushdb();
  const fetchesBefore = await fetchesBySubgraph();
  const statementsBefore = Object.fromEntries(Object.entries(counters).map(([n, c]) => [n, c.statements]));
  const res = await postGraphQL(product.gateway.url, LIST_QUERY, { ids });
  expect(res.errors).toBeUndefined();
  expect(res.data!.customers).toHaveLength(ids.length);
  const fetchesAfter = await fetchesBySubgraph();
  const fetches = Object.fromEntries(
    Object.entries(fetchesAfter)
      .map(([n, c]) => [n, c - (fetchesBefore[n] ?? 0)] as const)
      .filter(([, c]) => c > 0),
  );
  const statements = Object.fromEntries(
    Object.entries(counters).map(([n, c]) => [n, c.statements - statementsBefore[n]!]),
  );
  return { fetches, statements };
}

describe('the customer page over 100 customers, uncached', () => {
  it('costs the same subgraph fetches and SQL statements as over 50 customers', async () => {
    const page = await postGraphQL(
      product.gateway.url,
      /* GraphQL */ `
        {
          customerIds(first: 100) {
            ids
          }
        }
      `,
    );
    expect(page.errors).toBeUndefined();
    const ids = page.data!.customerIds.ids as string[];
    expect(ids).toHaveLength(100);

    // Half of them: enough customers that every source holds some of them, as the 100 do. Each
    // measured twice, keeping the smaller count: a one-off (profile reloading its rules after a
    // change of their version) is not a cost of the page; a per-customer cost shows in both.
    const least = (a: Record<string, number>, b: Record<string, number>) =>
      Object.fromEntries(Object.keys({ ...a, ...b }).map((k) => [k, Math.min(a[k] ?? 0, b[k] ?? 0)]));
    const twice = async (list: string[]) => {
      const [first, second] = [await cost(list), await cost(list)];
      return { fetches: least(first.fetches, second.fetches), statements: least(first.statements, second.statements) };
    };
    const half = await twice(ids.slice(0, 50));
    const hundred = await twice(ids);

    // Every subgraph of the page is fetched, once per plan level, for 50 as for 100 customers.
    expect(Object.keys(hundred.fetches).sort()).toEqual(
      ['commerce', 'consent', 'crm', 'identity', 'profile', 'stores', 'support', 'surveys', 'web'].sort(),
    );
    expect(hundred.fetches).toEqual(half.fetches);
    for (const count of Object.values(hundred.fetches)) expect(count).toBeLessThanOrEqual(2);
    // Each source database answers a fixed number of statements (one per table it reads per level).
    expect(hundred.statements).toEqual(half.statements);
    expect(hundred.statements.crm).toBeGreaterThan(0);
    expect(hundred.statements.commerce).toBeGreaterThan(0);
  }, 120_000);
});
