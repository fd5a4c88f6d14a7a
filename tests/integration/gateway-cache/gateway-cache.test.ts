import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway, type RunningGateway } from '@c360/gateway/server';
import { startThrowawayRedis, writeClientsFile } from '@c360/gateway/testing';
import { startIdentitySubgraph, type IdentitySubgraph } from '@c360/subgraph-identity';
import { removeTestData } from '@c360/subgraph-identity/testing';
import { generateSecret } from '@c360/kit/auth';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { uniqueSystem } from '@c360/kit/testing';
import { testEnv, TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { post, startRelay, type Relay } from '../gateway-access/fixtures';

/**
 * The gateway's fetch cache as clients meet it: a repeated customer page is
 * answered without calling the subgraph, a burst of identical misses makes
 * one call, callers with other scopes never share an entry, a merge in the
 * identity graph drops the cached customer at once, a source or operator can
 * drop a customer, and a Redis that stops serves everything uncached. Real
 * identity subgraph on the test Neo4j, behind a relay that counts its calls,
 * with a Redis of the test's own.
 */
const system = uniqueSystem('gwcache');
const tag = randomUUID().slice(0, 8).toUpperCase();
const secret = generateSecret();
const REDIS_PORT = 6392;

const CUSTOMER = /* GraphQL */ `
  query CachedCustomer($id: ID!) {
    customer(id: $id) {
      id
      sourceRecords {
        system
        localId
      }
    }
  }
`;

let driver: Driver;
let identity: IdentitySubgraph;
let relay: Relay;
let redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
let gateway: RunningGateway;
let keys: Record<string, string>;
let clientsPath: string;
const gatewayRef: { current?: RunningGateway } = {};

const as = (client: string) => ({ 'x-api-key': keys[client]! });
const gql = (body: unknown, client = 'sales-app') => post(gateway.url, body, as(client));
const customerPage = (id: string, client = 'sales-app') => gql({ query: CUSTOMER, variables: { id } }, client);
const records = (res: Awaited<ReturnType<typeof post>>) =>
  (res.body.data.customer.sourceRecords as Array<{ system: string; localId: string }>)
    .map((r) => `${r.system}:${r.localId}`)
    .sort();

async function observe(localId: string, card: string): Promise<string> {
  const res = await gql(
    {
      query: /* GraphQL */ `
        mutation Observe($input: RecordObservationInput!) {
          observeRecord(input: $input) {
            customer {
              id
            }
          }
        }
      `,
      variables: { input: { system, localId, identifiers: [{ kind: 'LOYALTY_CARD', value: card }] } },
    },
    'steward-app',
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.observeRecord.customer.id;
}

/** Lookups so far, by outcome: `fetch.hit`, `response.miss`, … */
async function lookups(of: RunningGateway = gateway): Promise<Record<string, number>> {
  const text = await (await fetch(of.url.replace(/\/graphql$/, '/metrics'), { headers: as('crm-sync') })).text();
  const counts: Record<string, number> = {};
  for (const [, outcome, value] of text.matchAll(
    /^c360_gateway_cache_lookups_total\{subgraph="identity",outcome="(\w+)"\} (\d+)$/gm,
  )) {
    counts[`fetch.${outcome!}`] = Number(value);
  }
  for (const [, outcome, value] of text.matchAll(
    /^c360_gateway_response_cache_lookups_total\{outcome="(\w+)"\} (\d+)$/gm,
  )) {
    counts[`response.${outcome!}`] = Number(value);
  }
  return counts;
}
const delta = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.keys(after)
      .filter((k) => after[k] !== (before[k] ?? 0))
      .map((k) => [k, after[k]! - (before[k] ?? 0)]),
  );

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  identity = await startIdentitySubgraph({
    driver,
    cache: new MemoryCache(),
    logger: createLogger('silent'),
    host: '127.0.0.1',
    auth: { mode: 'production', secrets: [secret] },
    // As the embedded product wires it: every merge, split or new record tells the gateway.
    onCustomersChanged: (ids) => gatewayRef.current?.invalidate(ids),
  });
  relay = await startRelay(identity.server.url, { cacheControl: true });
  redis = await startThrowawayRedis(REDIS_PORT);
  const clients = writeClientsFile([
    { name: 'sales-app', scopes: ['customer:read', 'pii:read'] },
    { name: 'reader-app', scopes: ['customer:read'] },
    { name: 'steward-app', scopes: ['customer:read', 'identity:write'] },
    { name: 'crm-sync', scopes: ['admin'] },
  ]);
  keys = clients.keys;
  clientsPath = clients.path;
  gateway = await startGateway({
    config: loadGatewayConfig(
      testEnv({
        C360_MODE: 'production',
        CLIENTS_PATH: clients.path,
        SUBGRAPH_SHARED_SECRET: secret,
        REDIS_URL: redis.url,
        GATEWAY_REDIS_PREFIX: `c360:test:${randomUUID()}:`,
        // The mechanics of what is kept; when an answer is first kept is the admission suite's above.
        GATEWAY_CACHE_ADMISSION: 'first',
        // A functional suite: the identity graph's first write on a busy machine may take seconds.
        SUBGRAPH_TIMEOUT_MS: '30000',
      }),
    ),
    logger: createLogger('silent'),
    subgraphUrls: { identity: relay.url, crm: 'http://127.0.0.1:9/graphql', commerce: 'http://127.0.0.1:9/graphql' },
  });
  gatewayRef.current = gateway;
}, 120_000);

/** A gateway over the same identity relay and Redis, with the admission settings given (keys of its own). */
async function otherGateway(settings: Record<string, string>): Promise<RunningGateway> {
  return startGateway({
    config: loadGatewayConfig(
      testEnv({
        C360_MODE: 'production',
        CLIENTS_PATH: clientsPath,
        SUBGRAPH_SHARED_SECRET: secret,
        REDIS_URL: redis.url,
        GATEWAY_REDIS_PREFIX: `c360:test:${randomUUID()}:`,
        SUBGRAPH_TIMEOUT_MS: '30000',
        ...settings,
      }),
    ),
    logger: createLogger('silent'),
    subgraphUrls: { identity: relay.url, crm: 'http://127.0.0.1:9/graphql', commerce: 'http://127.0.0.1:9/graphql' },
  });
}

afterAll(async () => {
  await gateway?.stop();
  await relay?.close();
  await identity?.stop();
  await redis?.stop();
  await removeTestData(driver, system, tag);
  await driver?.close();
});

describe('gateway cache admission (the default: an answer is kept from its second miss on)', () => {
  let admitting: RunningGateway;
  beforeAll(async () => {
    admitting = await otherGateway({});
  }, 60_000);
  afterAll(async () => {
    await admitting?.stop();
  });
  const pageOf = (on: RunningGateway, id: string) =>
    post(on.url, { query: CUSTOMER, variables: { id } }, as('sales-app'));

  it('answers a first miss as without a cache, keeps the second, and serves the third whole', async () => {
    const id = await observe('admit', `LC${tag}11`);
    let calls = relay.calls;
    let before = await lookups(admitting);
    const first = await pageOf(admitting, id);
    expect(first.body).toEqual({ data: { customer: { id, sourceRecords: [{ system, localId: 'admit' }] } } });
    expect(first.headers.get('x-c360-cache')).toBeNull();
    // No fetch lookup, no entry: the subgraph is asked as it would be without a cache.
    expect(delta(await lookups(admitting), before)).toEqual({ 'response.miss': 1 });
    expect(relay.calls - calls).toBe(1);

    calls = relay.calls;
    before = await lookups(admitting);
    const second = await pageOf(admitting, id);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('x-c360-cache')).toBeNull();
    // Asked before: looked up, fetched and kept.
    expect(delta(await lookups(admitting), before)).toEqual({ 'response.miss': 1, 'fetch.miss': 1 });
    expect(relay.calls - calls).toBe(1);

    calls = relay.calls;
    const third = await pageOf(admitting, id);
    expect(third.body).toEqual(first.body);
    expect(third.headers.get('x-c360-cache')).toBe('hit');
    expect(relay.calls).toBe(calls);
  });

  it('still drops a kept page when identity merges the customer', async () => {
    const survivor = await observe('admit-a', `LC${tag}12`);
    expect(await observe('admit-a2', `LC${tag}12`)).toBe(survivor);
    const other = await observe('admit-b', `LC${tag}13`);
    for (let i = 0; i < 3; i++) await pageOf(admitting, survivor);
    expect((await pageOf(admitting, survivor)).headers.get('x-c360-cache')).toBe('hit');
    const merged = await gql(
      {
        query: 'mutation Merge($ids: [ID!]!) { mergeCustomers(ids: $ids, reason: "same person") { id } }',
        variables: { ids: [survivor, other] },
      },
      'steward-app',
    );
    expect(merged.body).toEqual({ data: { mergeCustomers: { id: survivor } } });
    const after = await pageOf(admitting, survivor);
    expect(after.headers.get('x-c360-cache')).toBeNull();
    expect(records(after)).toEqual([`${system}:admit-a`, `${system}:admit-a2`, `${system}:admit-b`]);
  });

  it('forgets a first miss after its window: the next miss is a first miss again', async () => {
    const brief = await otherGateway({ GATEWAY_CACHE_ADMISSION_WINDOW_SECONDS: '1' });
    try {
      const id = await observe('admit-window', `LC${tag}14`);
      await pageOf(brief, id);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const before = await lookups(brief);
      const again = await pageOf(brief, id);
      expect(again.headers.get('x-c360-cache')).toBeNull();
      expect(delta(await lookups(brief), before)).toEqual({ 'response.miss': 1 });
    } finally {
      await brief.stop();
    }
  });
});

describe('gateway fetch cache', () => {
  it('answers a repeated customer page whole from the cache, without planning or calling the subgraph', async () => {
    const id = await observe('repeat', `LC${tag}01`);
    const calls = relay.calls;
    const before = await lookups();
    const first = await customerPage(id);
    expect(first.body).toEqual({ data: { customer: { id, sourceRecords: [{ system, localId: 'repeat' }] } } });
    expect(first.headers.get('x-c360-cache')).toBeNull();
    const afterFirst = await lookups();
    expect(delta(afterFirst, before)).toEqual({ 'response.miss': 1, 'fetch.miss': 1 });
    const second = await customerPage(id);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('x-c360-cache')).toBe('hit');
    expect(delta(await lookups(), afterFirst)).toEqual({ 'response.hit': 1 });
    expect(relay.calls - calls).toBe(1);
  });

  it('shares cached fetches between different operations over the same customer', async () => {
    const id = await observe('shared', `LC${tag}08`);
    await customerPage(id);
    const calls = relay.calls;
    const before = await lookups();
    // Another operation (another answer to build) whose identity fetch is the same.
    const other = await gql({ query: CUSTOMER.replace('query CachedCustomer', 'query OtherPage'), variables: { id } });
    expect(other.body.data.customer.id).toBe(id);
    expect(delta(await lookups(), before)).toEqual({ 'response.miss': 1, 'fetch.hit': 1 });
    expect(relay.calls).toBe(calls);
  });

  it('makes one subgraph call for a burst of identical concurrent misses', async () => {
    const id = await observe('burst', `LC${tag}02`);
    const before = relay.calls;
    const answers = await Promise.all(Array.from({ length: 12 }, () => customerPage(id)));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0]!.body.data.customer.id).toBe(id);
    expect(relay.calls - before).toBe(1);
  });

  it('never shares an entry between callers whose scopes differ', async () => {
    const id = await observe('scopes', `LC${tag}03`);
    const before = relay.calls;
    await customerPage(id, 'sales-app');
    await customerPage(id, 'reader-app');
    await customerPage(id, 'reader-app');
    expect(relay.calls - before).toBe(2);
  });

  it('drops the cached customer when identity merges it with another, so the next page is current', async () => {
    const survivor = await observe('merge-a', `LC${tag}04`);
    const other = await observe('merge-b', `LC${tag}05`);
    // A second record for the survivor, so that it holds most records and keeps its id.
    expect(await observe('merge-a2', `LC${tag}04`)).toBe(survivor);
    expect(records(await customerPage(survivor))).toEqual([`${system}:merge-a`, `${system}:merge-a2`]);
    const merged = await gql(
      {
        query: 'mutation Merge($ids: [ID!]!) { mergeCustomers(ids: $ids, reason: "same person") { id } }',
        variables: { ids: [survivor, other] },
      },
      'steward-app',
    );
    expect(merged.body).toEqual({ data: { mergeCustomers: { id: survivor } } });
    const calls = relay.calls;
    expect(records(await customerPage(survivor))).toEqual([
      `${system}:merge-a`,
      `${system}:merge-a2`,
      `${system}:merge-b`,
    ]);
    expect(relay.calls - calls).toBe(1);
  });

  it('lets a source or an operator drop a customer, with the admin scope only', async () => {
    const id = await observe('admin', `LC${tag}06`);
    await customerPage(id);
    const invalidate = (client: string, body: unknown) =>
      post(gateway.url.replace(/\/graphql$/, '/admin/cache/invalidate'), body, as(client));
    const refused = await invalidate('sales-app', { customers: [id] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const bad = await invalidate('crm-sync', { customer: id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_USER_INPUT');
    let calls = relay.calls;
    await customerPage(id);
    expect(relay.calls).toBe(calls);
    const dropped = await invalidate('crm-sync', { customers: [id] });
    // The page's answer and the identity fetch it was built from.
    expect(dropped).toMatchObject({ status: 200, body: { invalidatedEntries: 2 } });
    calls = relay.calls;
    await customerPage(id);
    expect(relay.calls - calls).toBe(1);

    // A whole subgraph at once (what the profile subgraph asks for when its rules change).
    const unknown = await invalidate('crm-sync', { subgraphs: ['nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message:
        'unknown subgraph "nope": expected one of commerce, consent, crm, identity, privacy, profile, stores, support, surveys, web',
    });
    expect(await invalidate('crm-sync', { subgraphs: ['identity'] })).toMatchObject({ status: 200 });
    calls = relay.calls;
    await customerPage(id);
    await customerPage(id);
    expect(relay.calls - calls).toBe(1);
  });

  it('serves every page uncached, and correct, once Redis stops', async () => {
    const id = await observe('no-redis', `LC${tag}07`);
    const expected = await customerPage(id);
    await redis.stop();
    const calls = relay.calls;
    for (let i = 0; i < 3; i++) {
      const res = await customerPage(id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expected.body);
    }
    expect(relay.calls - calls).toBe(3);
  });
});
