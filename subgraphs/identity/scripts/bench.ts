/**
 * `npm run identity:bench [-- --records N] [--batch N] [--lookups N] [--seed N]`
 *
 * Benchmark of the identity graph on this machine (not a test: it asserts
 * nothing and its figures depend on the hardware):
 * - ingestion rate of synthetic observations through IdentityGraph.observe(),
 *   the path the feeds use, into a wiped Neo4j of its own, in batches of the
 *   feeds' page size;
 * - the rate of replaying them all (what a feed read again from the start
 *   costs), and whether the replay left the graph as it was;
 * - latency of a lookup (customerIdByIdentifier, then customers) without a
 *   cache and with the Redis cache.
 * Writes bench/results/identity-bench.json.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import type { BundledNeo4j } from '@c360/embedded/neo4j';
import { ServiceUnavailableError } from '@c360/embedded/services';
import { RedisCache, type Cache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { DEFAULT_FEED_PAGE_SIZE } from '../src/feed';
import { IdentityGraph, type Observation } from '../src/graph';
import { migrate } from '../src/migrations';
import type { NormalizedIdentifier } from '../src/normalize';
import { EVAL_NEO4J_DATA_DIR, evalNeo4jPort, startEvalNeo4j, wipeNeo4j, writeResult } from './eval-neo4j';
import { percentile } from './metrics';
import { seededRandom } from '@c360/kit/random';

const USAGE = `usage: npm run identity:bench -- [--records N] [--batch N] [--lookups N] [--seed N]

  --records N   synthetic source records to ingest (default 100000)
  --batch N     observations per IdentityGraph.observe() call (default ${DEFAULT_FEED_PAGE_SIZE}, the feeds' page size)
  --lookups N   identifiers looked up per latency run (default 2000)
  --seed N      seed of the synthetic data and of the lookup sample (default 360)
  --help        this text

Wipes and uses the bundled Neo4j of the identity eval (port 7689, set
EVAL_NEO4J_BOLT_PORT to change it; data in ${EVAL_NEO4J_DATA_DIR}) and keys
under bench: in Redis db 2. Do not run it while npm run identity:eval runs.`;

const REDIS_URL = 'redis://127.0.0.1:6379/2';
const REDIS_PREFIX = 'bench:';
const RESULT_FILE = 'identity-bench.json';
const SYSTEMS = ['bench-a', 'bench-b'] as const;

/**
 * Identifiers that many unrelated records hold, like a shop's own phone or a
 * placeholder email typed at checkout: some match the block list, the others
 * only exceed the per-kind record limit once enough records hold them. They
 * are here so that the guards have something to stop and their cost shows.
 */
const HUBS: NormalizedIdentifier[] = [
  { kind: 'EMAIL', value: 'noreply@bench.example' },
  { kind: 'EMAIL', value: 'test@test.com' },
  { kind: 'EMAIL', value: 'info@bench.example' },
  { kind: 'PHONE', value: '+33100000000' },
  { kind: 'PHONE', value: '+33612340000' },
];
/** Share of records holding one hub identifier. */
const HUB_RATE = 1 / 400;

interface Options {
  records: number;
  batch: number;
  lookups: number;
  seed: number;
}

/** A cache that never stores anything, so that every lookup goes to Neo4j. */
class NoCache implements Cache {
  readonly kind = 'memory' as const;
  async get(): Promise<string | undefined> {
    return undefined;
  }
  async set(): Promise<void> {}
  async delete(): Promise<void> {}
  async close(): Promise<void> {}
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Synthetic observations, identifiers already normalised: people with one to
 * three records across two systems, whose records share the person's email
 * or phone (so clusters form, some only through a chain of records), plus
 * the hub identifiers. Shuffled, so that a person's records arrive in
 * different batches and clusters merge across batches as they do from feeds.
 */
function generate(options: Options): { observations: Observation[]; people: number; known: NormalizedIdentifier[] } {
  const rand = seededRandom(options.seed);
  const observations: Observation[] = [];
  const known: NormalizedIdentifier[] = [];
  const localIds = { 'bench-a': 0, 'bench-b': 0 };
  const start = Date.parse('2026-01-01T00:00:00Z');
  let people = 0;
  while (observations.length < options.records) {
    people += 1;
    const n = Math.min(rand() < 0.5 ? 1 : rand() < 0.6 ? 2 : 3, options.records - observations.length);
    const digits = String(people).padStart(8, '0');
    const email: NormalizedIdentifier = { kind: 'EMAIL', value: `person${people}@bench.example` };
    const workEmail: NormalizedIdentifier = { kind: 'EMAIL', value: `person${people}@work.bench.example` };
    const mobile: NormalizedIdentifier = { kind: 'PHONE', value: `+336${digits}` };
    const landline: NormalizedIdentifier = { kind: 'PHONE', value: `+331${digits}` };
    const hasMobile = rand() < 0.7;
    const sets: NormalizedIdentifier[][] = [hasMobile ? [email, mobile] : [email]];
    // The second record links through the mobile or the email; the third only through the second's work email.
    if (n >= 2) sets.push(hasMobile && rand() < 0.5 ? [mobile, workEmail] : [email, workEmail]);
    if (n >= 3) sets.push([workEmail, landline]);
    const firstSystem = rand() < 0.5 ? 0 : 1;
    sets.forEach((identifiers, i) => {
      const system = SYSTEMS[(firstSystem + i) % 2]!;
      localIds[system] += 1;
      const hub = rand() < HUB_RATE ? [HUBS[Math.floor(rand() * HUBS.length)]!] : [];
      observations.push({
        system,
        localId: `${system}-${localIds[system]}`,
        identifiers: [...identifiers, ...hub],
        observedAt: new Date(start + observations.length * 1000).toISOString(),
      });
    });
    known.push(...new Set(sets.flat()));
  }
  return { observations: shuffle(observations, rand), people, known };
}

function parseCli(): { help: true } | ({ help: false } & Options) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '100000' },
      batch: { type: 'string', default: String(DEFAULT_FEED_PAGE_SIZE) },
      lookups: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '360' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return { help: true };
  const positive = (name: 'records' | 'batch' | 'lookups' | 'seed') => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`--${name}: expected a positive integer, received ${JSON.stringify(values[name])}`);
    }
    return n;
  };
  return {
    help: false,
    records: positive('records'),
    batch: positive('batch'),
    lookups: positive('lookups'),
    seed: positive('seed'),
  };
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

interface Latency {
  median: number;
  p99: number;
  mean: number;
  max: number;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    max: sorted[sorted.length - 1]!,
  };
}

async function ingest(graph: IdentityGraph, observations: Observation[], batch: number) {
  const batchMs: number[] = [];
  const started = performance.now();
  let nextTenth = 1;
  for (let offset = 0; offset < observations.length; offset += batch) {
    const t = performance.now();
    await graph.observe(observations.slice(offset, offset + batch));
    batchMs.push(performance.now() - t);
    const done = Math.min(offset + batch, observations.length);
    const tenths = Math.floor((10 * done) / observations.length);
    if (tenths >= nextTenth) {
      const seconds = (performance.now() - started) / 1000;
      print(
        `  ${String(done).padStart(String(observations.length).length)}/${observations.length} records ` +
          `(${Math.round((100 * done) / observations.length)}%) in ${seconds.toFixed(1)} s, ` +
          `${Math.round(done / seconds)} records/s so far, last batch ${ms(batchMs[batchMs.length - 1]!)}`,
      );
      nextTenth = tenths + 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    records: observations.length,
    batchSize: batch,
    batches: batchMs.length,
    seconds,
    recordsPerSecond: observations.length / seconds,
    batchMs: latency(batchMs),
    // The first and last tenth show whether a batch costs more as the graph grows.
    firstTenthBatchMs: latency(batchMs.slice(0, Math.max(1, Math.floor(batchMs.length / 10)))),
    lastTenthBatchMs: latency(batchMs.slice(-Math.max(1, Math.floor(batchMs.length / 10)))),
  };
}

/**
 * What the ingestion produced: records, customers and the largest customer
 * (no person has more than three records, so a larger customer is an
 * over-merge), and what became of each hub identifier.
 */
async function graphShape(driver: Driver) {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer)
     WITH c, count(r) AS size
     RETURN count(c) AS customers, sum(size) AS records, max(size) AS largest,
            sum(CASE WHEN size > 3 THEN 1 ELSE 0 END) AS overThree`,
  );
  const hubs = await driver.executeQuery(
    `UNWIND $hubs AS hub
     MATCH (i:Identifier {kind: hub.kind, value: hub.value})<-[:HAS]-(r:SourceRecord)
     OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
     RETURN hub.kind + ' ' + hub.value AS identifier, coalesce(i.blocked, false) AS blocked,
            i.blockedReason AS reason, count(DISTINCT r) AS records, count(DISTINCT c) AS customers`,
    { hubs: HUBS },
  );
  const events = await driver.executeQuery('MATCH (e:IdentityEvent) RETURN count(e) AS n');
  const row = records[0]!;
  return {
    events: events.records[0]!.get('n') as number,
    records: row.get('records') as number,
    customers: row.get('customers') as number,
    largestCustomerRecords: row.get('largest') as number,
    customersOverThreeRecords: row.get('overThree') as number,
    hubs: hubs.records.map((h) => ({
      identifier: h.get('identifier') as string,
      blocked: h.get('blocked') as boolean,
      reason: h.get('reason') as string | null,
      records: h.get('records') as number,
      customers: h.get('customers') as number,
    })),
  };
}

/** Looks each identifier up the way the resolvers do, timing each lookup; misses are counted, not timed. */
async function lookupRun(graph: IdentityGraph, identifiers: NormalizedIdentifier[]) {
  const samples: number[] = [];
  let misses = 0;
  for (const identifier of identifiers) {
    const t = performance.now();
    const id = await graph.customerIdByIdentifier(identifier);
    const [customer] = id ? await graph.customers([id]) : [null];
    const elapsed = performance.now() - t;
    if (customer) samples.push(elapsed);
    else misses += 1;
  }
  if (samples.length === 0) throw new Error('every lookup missed: the ingested graph holds none of the identifiers');
  return { ...latency(samples), lookups: identifiers.length, misses };
}

/** Removes the bench's keys from Redis db 2, so that no customer id of an earlier run is served. */
async function clearBenchKeys(cache: RedisCache): Promise<number> {
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await cache.redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
    if (keys.length > 0) removed += await cache.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return removed;
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseCli>;
  let boltPort: number;
  try {
    options = parseCli();
    boltPort = evalNeo4jPort();
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    print(USAGE);
    return 0;
  }

  const logger = createLogger('warn', 'c360-bench');
  let neo4jServer: BundledNeo4j | undefined;
  let driver: Driver | undefined;
  let redis: RedisCache | undefined;
  try {
    print(`identity bench on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
    redis = RedisCache.connect(REDIS_URL, logger, REDIS_PREFIX);
    try {
      await redis.ready(2000);
      if (redis.redis.status !== 'ready') throw new Error('no connection to Redis within 2000 ms');
      await redis.redis.ping();
    } catch (err) {
      // RedisCache serves uncached while Redis is down, which would make the cached figures lie.
      throw new ServiceUnavailableError('redis', REDIS_URL, err);
    }

    print(`starting Neo4j on port ${boltPort} and wiping it…`);
    ({ server: neo4jServer, driver } = await startEvalNeo4j(boltPort, logger));
    await wipeNeo4j(driver);
    await migrate(driver);

    const dataset = generate(options);
    print(
      `ingesting ${dataset.observations.length} observations of ${dataset.people} people ` +
        `in batches of ${options.batch} through IdentityGraph.observe()…`,
    );
    const uncachedGraph = new IdentityGraph(driver, new NoCache(), logger);
    const ingestion = await ingest(uncachedGraph, dataset.observations, options.batch);
    const shape = await graphShape(driver);
    print(
      `ingestion: ${Math.round(ingestion.recordsPerSecond)} records/s (${ingestion.records} records in ` +
        `${ingestion.seconds.toFixed(1)} s); per batch of ${options.batch}: median ${ms(ingestion.batchMs.median)}, ` +
        `p99 ${ms(ingestion.batchMs.p99)}; first tenth median ${ms(ingestion.firstTenthBatchMs.median)}, ` +
        `last tenth median ${ms(ingestion.lastTenthBatchMs.median)}`,
    );
    print(
      `graph: ${shape.records} records in ${shape.customers} customers; the largest holds ` +
        `${shape.largestCustomerRecords} records, ${shape.customersOverThreeRecords} hold more than a person has (3); ` +
        `${shape.events} audit events`,
    );
    for (const hub of shape.hubs) {
      print(
        `  hub ${hub.identifier.padEnd(28)} on ${hub.records} records in ${hub.customers} customers, ` +
          (hub.blocked ? `blocked (${hub.reason ?? 'no reason given'})` : 'not blocked'),
      );
    }

    print(`replaying the ${dataset.observations.length} observations…`);
    const replay = await ingest(uncachedGraph, dataset.observations, options.batch);
    const unchanged = JSON.stringify(await graphShape(driver)) === JSON.stringify(shape);
    print(
      `replay: ${Math.round(replay.recordsPerSecond)} records/s (${replay.seconds.toFixed(1)} s); ` +
        (unchanged ? 'the graph is unchanged' : 'warning: the replay changed the graph'),
    );

    const rand = seededRandom(options.seed + 1);
    const sample = shuffle([...dataset.known], rand).slice(0, options.lookups);
    print(`looking up ${sample.length} known identifiers (customerIdByIdentifier, then customers)…`);
    // Two runs each: the first warms the JVM's code and Neo4j's page cache, the second is reported.
    const uncached = [await lookupRun(uncachedGraph, sample), await lookupRun(uncachedGraph, sample)];
    print(`  uncached run 1 median ${ms(uncached[0]!.median)}, run 2 median ${ms(uncached[1]!.median)}`);
    const removed = await clearBenchKeys(redis);
    const cachedGraph = new IdentityGraph(driver, redis, logger);
    const warmUp = await lookupRun(cachedGraph, sample);
    const cached = [await lookupRun(cachedGraph, sample), await lookupRun(cachedGraph, sample)];
    print(`  cached   run 1 median ${ms(cached[0]!.median)}, run 2 median ${ms(cached[1]!.median)}`);
    const [u, c] = [uncached[1]!, cached[1]!];
    const ratio = u.median / c.median;

    print('');
    print(`identity graph benchmark (${ingestion.records} records, Neo4j bundled, this machine)`);
    print(
      `  ingestion  ${Math.round(ingestion.recordsPerSecond)} records/s; batch of ${options.batch} median ` +
        `${ms(ingestion.batchMs.median)}, p99 ${ms(ingestion.batchMs.p99)}`,
    );
    print(
      `  replay     ${Math.round(replay.recordsPerSecond)} records/s; ` +
        (unchanged ? 'graph unchanged' : 'warning: the replay changed the graph'),
    );
    print(`  lookup (second of two runs, warm JVM, ${sample.length} identifiers):`);
    print(`    uncached (Neo4j)  median ${ms(u.median)}  p99 ${ms(u.p99)}`);
    print(`    cached (Redis)    median ${ms(c.median)}  p99 ${ms(c.p99)}`);
    print(`    uncached / cached median ${ratio.toFixed(1)}×`);
    if (u.misses + c.misses > 0) print(`  warning: ${u.misses + c.misses} lookups found no customer`);

    const file = await writeResult(RESULT_FILE, {
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? null,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      options,
      neo4j: { port: boltPort, dataDir: EVAL_NEO4J_DATA_DIR },
      dataset: { people: dataset.people, records: dataset.observations.length, hubs: HUBS, hubRate: HUB_RATE },
      ingestion,
      replay: { ...replay, graphUnchanged: unchanged },
      graph: shape,
      lookups: {
        reported: 'second of two runs (warm JVM and page cache)',
        uncached: { reported: u, runs: uncached },
        cached: { reported: c, runs: cached, warmUp, staleKeysRemovedBefore: removed, redis: REDIS_URL },
        uncachedOverCachedMedian: ratio,
      },
    });
    print('');
    print(`result written to ${file}`);
    return 0;
  } catch (err) {
    if (err instanceof ServiceUnavailableError) console.error(`\nidentity bench failed: ${err.message}`);
    else console.error('\nidentity bench failed:', err);
    return 1;
  } finally {
    await redis?.close();
    await driver?.close();
    await neo4jServer?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('identity bench failed:', err);
    process.exitCode = 1;
  },
);
