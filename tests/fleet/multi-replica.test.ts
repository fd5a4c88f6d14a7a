import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { startThrowawayRedis } from '@c360/gateway/testing';
import { removeTestData } from '@c360/subgraph-identity/testing';
import { generateSecret, signCaller } from '@c360/kit/auth';
import { InvalidationBus } from '@c360/kit/invalidation';
import { createLogger } from '@c360/kit/logger';
import { createRedis, redisReady } from '@c360/kit/redis';
import { uniqueSystem } from '@c360/kit/testing';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { CUSTOMER_PAGE, DEAD, fleetClients, MERGE, OBSERVE, post, recordsOf, sha256, SOURCES } from './fixtures';

/**
 * A fleet on one machine: two gateway processes and two identity writer
 * processes, on their own ports, sharing one Redis and one Neo4j (reached
 * over a neo4j:// routing URI, as a cluster would be). Gateway A calls
 * identity A, gateway B identity B. Traffic goes round-robin: observations,
 * page reads, a merge and an erasure written through one replica must show,
 * uncached, through the other; an APQ registered on one runs on the other;
 * a client's rate limit counts its requests on both.
 */
const REPO = path.join(__dirname, '..', '..');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
const REDIS_PORT = 7008;
const system = uniqueSystem('replicas');
const tag = randomUUID().slice(0, 8).toUpperCase();
const secret = generateSecret();

interface Child {
  url: string;
  process: ChildProcess;
}

/** Starts an entry point with `env`; resolves with the URL it logs once listening. */
function startProcess(entry: string, env: Record<string, string>, listening: string): Promise<Child> {
  const child = spawn(TSX, [path.join(REPO, entry)], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${entry} did not start within 90 s:\n${output}`)), 90_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.includes(listening)) continue;
        try {
          const { url } = JSON.parse(line) as { url: string };
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          child.stdout!.resume();
          child.stderr!.resume();
          resolve({ url, process: child });
          return;
        } catch {
          // a partial line: wait for the rest
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`${entry} exited with ${code}:\n${output}`)));
  });
}

async function stopProcess(child: Child | undefined): Promise<void> {
  if (!child || child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  const force = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(force);
}

let redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
let driver: Driver;
const identities: Child[] = [];
const gateways: Child[] = [];
let keys: Record<string, string>;

beforeAll(async () => {
  redis = await startThrowawayRedis(REDIS_PORT);
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  // neo4j:// is the routing scheme of a Neo4j cluster; a single server answers it as a cluster of one.
  const routing = TEST_NEO4J_URI.replace(/^bolt:/, 'neo4j:');
  const clients = fleetClients();
  keys = clients.keys;
  const common = { C360_MODE: 'production', SUBGRAPH_SHARED_SECRET: secret, REDIS_URL: redis.url, HOST: '127.0.0.1' };
  const started = await Promise.all(
    ['a', 'b'].map((replica) =>
      startProcess(
        'subgraphs/identity/src/main.ts',
        { ...common, IDENTITY_PORT: '0', NEO4J_URI: routing, FEED_POLL_INTERVAL_MS: '0', REPLICA: replica },
        'identity listening',
      ),
    ),
  );
  identities.push(...started);
  gateways.push(
    ...(await Promise.all(
      identities.map((identity) =>
        startProcess(
          'gateway/src/index.ts',
          {
            ...common,
            PORT: '0',
            CLIENTS_PATH: clients.path,
            SUBGRAPH_URL_IDENTITY: identity.url,
            ...Object.fromEntries(SOURCES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, DEAD])),
            GATEWAY_READY_SUBGRAPHS: 'identity',
            // A shared, busy test machine: a first write to a cold graph may take seconds.
            SUBGRAPH_TIMEOUT_MS: '30000',
          },
          'gateway listening',
        ),
      ),
    )),
  );
}, 240_000);

afterAll(async () => {
  await Promise.all(gateways.map(stopProcess));
  await Promise.all(identities.map(stopProcess));
  await redis?.stop();
  if (driver) {
    await removeTestData(driver, system, tag);
    await driver.close();
  }
});

const gql = (replica: number, body: unknown, client = 'sales-app') =>
  post(gateways[replica % 2]!.url, body, { 'x-api-key': keys[client]! });
const page = (replica: number, id: string) => gql(replica, { query: CUSTOMER_PAGE, variables: { id } });
const observe = async (replica: number, localId: string, card: string): Promise<string> => {
  const res = await gql(
    replica,
    { query: OBSERVE, variables: { input: { system, localId, identifiers: [{ kind: 'LOYALTY_CARD', value: card }] } } },
    'steward-app',
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.observeRecord.customer.id;
};

/**
 * Cache invalidations travel by Redis pub/sub: asynchronous, delivered within
 * milliseconds on a quiet machine. Reads the page on a replica until it shows
 * `expected`, failing when that takes longer than `withinMs` (5 s: this shared
 * 2-core machine runs at load 30+, where a child process may wait seconds for a core).
 */
async function pageBecomes(replica: number, id: string, expected: (body: any) => boolean, withinMs = 5000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const res = await page(replica, id);
    if (expected(res.body)) return res;
    if (Date.now() > deadline) throw new Error(`replica ${replica} still answers ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two gateways and two identity writers on one Redis and one Neo4j', () => {
  it('are all ready behind the load balancer (identity up, the sources down here)', async () => {
    for (const gateway of gateways) {
      // The subgraphs' states are for operators; a probe without credentials gets the status only.
      const ready = await fetch(gateway.url.replace(/\/graphql$/, '/ready'), { headers: { 'x-api-key': keys.ops! } });
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { subgraphs: Record<string, string> }).subgraphs.identity).toBe('up');
    }
    for (const identity of identities) {
      expect((await fetch(identity.url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
      expect((await fetch(identity.url.replace(/\/graphql$/, '/live'))).status).toBe(200);
    }
  });

  it('agree on every answer while writes go round-robin, and drop their caches on merges and erasures', async () => {
    // Observations written through A and B in turn.
    const survivor = await observe(0, 'r1', `LC${tag}21`);
    expect(await observe(1, 'r2', `LC${tag}21`)).toBe(survivor);
    const other = await observe(0, 'r3', `LC${tag}22`);

    // Both replicas answer the same, and both cache it. A first miss is not kept and its mark is written after
    // the answer, so whether B sees A's mark depends on timing; each replica's own second miss is kept.
    const [a, b] = [await page(0, survivor), await page(1, survivor)];
    expect(a.body).toEqual(b.body);
    expect(recordsOf(a.body)).toEqual([`${system}:r1`, `${system}:r2`]);
    await page(0, survivor);
    await page(1, survivor);
    expect((await page(0, survivor)).headers.get('x-c360-cache')).toBe('hit');
    expect((await page(1, survivor)).headers.get('x-c360-cache')).toBe('hit');
    expect((await page(1, other)).body.data.customer.id).toBe(other);

    // A merge through replica B (identity B): both gateways drop the cached pages of both customers.
    const merged = await gql(1, { query: MERGE, variables: { ids: [survivor, other] } }, 'steward-app');
    expect(merged.body).toEqual({ data: { mergeCustomers: { id: survivor } } });
    const all = [`${system}:r1`, `${system}:r2`, `${system}:r3`];
    for (const replica of [0, 1]) {
      const fresh = await pageBecomes(replica, survivor, (body) => recordsOf(body).length === 3);
      expect(recordsOf(fresh.body)).toEqual(all);
      // The merged-away id resolves to the survivor on both.
      expect((await pageBecomes(replica, other, (body) => body.data?.customer?.id === survivor)).body).toEqual(
        fresh.body,
      );
    }
    expect((await page(0, survivor)).body).toEqual((await page(1, survivor)).body);

    // An erasure on identity A (as the privacy subgraph asks it): both gateways stop answering the customer.
    const erase = await fetch(new URL('/admin/erasure/erase', identities[0]!.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signCaller({ client: 'privacy', scopes: ['admin'], requestId: randomUUID() }, secret),
      },
      body: JSON.stringify({
        erasureId: randomUUID(),
        customerIds: [survivor],
        records: all.map((r) => ({ system, localId: r.split(':')[1] })),
      }),
    });
    expect(erase.status).toBe(200);
    for (const replica of [0, 1]) {
      const gone = await pageBecomes(replica, survivor, (body) => body.data?.customer === null);
      expect(gone.body).toEqual({ data: { customer: null } });
    }
  });

  it('moves every replica to a new generation of a subgraph’s cache when another process drops it', async () => {
    const id = await observe(0, 'drop', `LC${tag}24`);
    // A first miss leaves only its mark: the next one is kept.
    await page(0, id);
    for (const replica of [0, 1]) {
      await page(replica, id);
      expect((await page(replica, id)).headers.get('x-c360-cache')).toBe('hit');
    }
    const drops = async (replica: number) => {
      // Metrics are for operators in production: the ops client's key.
      const metrics = await fetch(gateways[replica]!.url.replace(/\/graphql$/, '/metrics'), {
        headers: { 'x-api-key': keys.ops! },
      });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      const line = /^c360_gateway_cache_subgraph_invalidations_total\{subgraph="identity",reason="replica"\} (\d+)$/m;
      return Number(line.exec(text)?.[1] ?? 0);
    };
    const before = [await drops(0), await drops(1)];
    // As the profile subgraph does after a rule change: one message, every replica takes the new generation.
    const publisher = createRedis({ REDIS_URL: redis.url });
    try {
      await redisReady(publisher, 5000);
      await new InvalidationBus(publisher, createLogger('silent')).dropSubgraph('identity');
    } finally {
      publisher.disconnect();
    }
    const deadline = Date.now() + 5000;
    while ((await drops(0)) === before[0] || (await drops(1)) === before[1]) {
      if (Date.now() > deadline) throw new Error('a replica did not hear the drop within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([(await drops(0)) - before[0]!, (await drops(1)) - before[1]!]).toEqual([1, 1]);
    // The first read after the drop is answered afresh.
    const fresh = await page(0, id);
    expect(fresh.headers.get('x-c360-cache')).toBeNull();
    expect(fresh.body.data.customer.id).toBe(id);
  });

  it('runs on one replica an automatic persisted query registered on the other', async () => {
    const query = CUSTOMER_PAGE.replace('query FleetCustomer', `query FleetApq${tag}`);
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const id = await observe(1, 'apq', `LC${tag}23`);
    // Unknown to both at first.
    expect((await gql(1, { variables: { id }, extensions })).body.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    const registered = await gql(0, { query, variables: { id }, extensions });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await gql(1, { variables: { id }, extensions });
    expect(byHash.body).toEqual(registered.body);
  });

  it('counts a client’s rate limit across both replicas', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await gql(i, { query: '{ __typename }' }, 'limited')).status);
    // 8 a minute in all: alone, each replica would have let 5 through.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
  });
});
