/**
 * `npm run identity:bench [-- --records 100000,1000000] [--workers N] [--page-size N] [--lookups N] [--no-matching] [--matching-records N]`
 *
 * Benchmark of the identity graph's write path on this machine (not a test:
 * it asserts nothing and its figures depend on the hardware and on what else
 * runs on it). For each size, into a wiped Neo4j of its own:
 * - first load with 1 writer process, then a replay of the same feeds (every
 *   observation again: what a feed read from the start costs);
 * - first load with 2 writer processes (the sources split between them),
 *   with lookups (customerIdByIdentifier then customers) timed while the
 *   writes run, uncached and through the Redis cache;
 * - first load with the probabilistic matcher on (the records carry names,
 *   dates of birth and addresses, as the feeds send them), 2 writers;
 * - transactions retried per 1,000 records, and the CPU time of Neo4j and of
 *   the writers against the wall time (a 2-core machine is bound when their
 *   sum nears 2 × the wall time).
 * Writers are scripts/writer.ts processes over the synthetic feeds of
 * scripts/synthetic.ts, through FeedConsumer, the path the feeds use.
 * Writes bench/results/identity.json.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import type { BundledNeo4j } from '@c360/embedded/neo4j';
import { RedisCache, type Cache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { IdentityGraph } from '../src/graph';
import { migrate } from '../src/migrations';
import { normalizeIdentifier, type NormalizedIdentifier } from '../src/normalize';
import { EVAL_NEO4J_DATA_DIR, evalNeo4jPort, REPO_ROOT, startEvalNeo4j, wipeNeo4j, writeResult } from './eval-neo4j';
import { bundledImportTarget } from '@c360/embedded/neo4j';
import { bulkLoad, type BulkLoadResult } from '../src/bulk-load';
import { FeedConsumer } from '../src/feed';
import { DEFAULT_RULES } from '../src/rules';
import { checkIdentityGraph, partitionOf } from '../src/check';
import { pageReader } from './synthetic';
import { percentile } from './metrics';
import { syntheticFeeds } from './synthetic';
import type { WriterResult } from './writer';

const USAGE = `usage: npm run identity:bench -- [--records N[,N…]] [--workers N] [--page-size N] [--lookups N] [--no-matching]

  --records N,…   sizes to measure, in source records (default 100000; the issue's pair is 100000,1000000)
  --workers N     pages ingested at once per writer process (default 3)
  --page-size N   records per feed page, one transaction each (default 1000)
  --lookups N     lookups timed per cache mode while the 2-writer load runs (default 500)
  --no-matching   skip the load with the probabilistic matcher on
  --matching-records N
                  records of the load with the matcher on (default: each size; it runs at hundreds of
                  records/s, so a 100000-record size takes minutes with it)
  --help          this text

Wipes and uses its own bundled Neo4j (EVAL_NEO4J_BOLT_PORT, default 7689) and Redis
(IDENTITY_BENCH_REDIS_URL, default redis://127.0.0.1:6379/2, keys under bench:).`;

const SYSTEMS = ['crm', 'shop', 'web', 'surveys'];
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const print = (line: string) => process.stdout.write(`${line}\n`);

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

/** CPU seconds (user + system) a process used so far, from /proc; null when it cannot be read. */
function cpuSecondsOf(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz on Linux)
  } catch {
    return null;
  }
}

/** The Neo4j launcher's JVM serving the port, found by its command line. */
function neo4jPid(port: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('java') && cmd.includes('dev.c360.Neo4jLauncher')) {
        const i = cmd.indexOf('--port');
        if (i >= 0 && Number(cmd[i + 1]) === port) return Number(entry);
      }
    } catch {
      // A process that ended meanwhile.
    }
  }
  return null;
}

interface Load {
  writers: number;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  transactions: number;
  retries: number;
  retriesPer1kRecords: number;
  retriesByCode: Record<string, number>;
  cpu: { neo4jSeconds: number | null; writersSeconds: number; coresBusy: number | null; loadAverage1m: number };
}

function runWriters(
  uri: string,
  port: number,
  opts: { records: number; writers: number; workers: number; pageSize: number; matching: boolean; tag: string },
): Promise<Load> {
  const groups: string[][] = Array.from({ length: opts.writers }, () => []);
  SYSTEMS.forEach((s, i) => groups[i % opts.writers]!.push(s));
  const pid = neo4jPid(port);
  const neo4jBefore = cpuSecondsOf(pid);
  const started = performance.now();
  const done = new Map<number, number>();
  let lastPrint = 0;
  const children = groups.map(
    (systems, i) =>
      new Promise<WriterResult>((resolve, reject) => {
        const child = spawn(
          TSX,
          [
            path.join(__dirname, 'writer.ts'),
            `--systems=${systems.join(',')}`,
            `--all-systems=${SYSTEMS.join(',')}`,
            `--records=${opts.records}`,
            '--seed=360',
            `--tag=${opts.tag}`,
            '--phone-digit=1',
            `--workers=${opts.workers}`,
            `--page-size=${opts.pageSize}`,
            ...(opts.matching ? ['--matching'] : []),
          ],
          { cwd: REPO_ROOT, env: { ...process.env, NEO4J_URI: uri }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let result: WriterResult | null = null;
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          if (!line.startsWith('{"progress"') && !line.startsWith('{"result"')) return;
          const message = JSON.parse(line) as { progress?: number; result?: WriterResult };
          if (message.result) result = message.result;
          if (message.progress !== undefined) {
            done.set(i, message.progress);
            const progress = [...done.values()].reduce((a, b) => a + b, 0);
            const now = performance.now();
            if (now - lastPrint > 5000) {
              lastPrint = now;
              const s = (now - started) / 1000;
              print(`    ${progress}/${opts.records} records in ${s.toFixed(0)} s (${Math.round(progress / s)}/s)`);
            }
          }
        });
        child.once('exit', (code) =>
          code === 0 && result ? resolve(result) : reject(new Error(`writer ${i} exited with ${code}: ${stderr}`)),
        );
      }),
  );
  return Promise.all(children).then((results) => {
    const seconds = (performance.now() - started) / 1000;
    const neo4jAfter = cpuSecondsOf(pid);
    const records = results.reduce((a, r) => a + r.records, 0);
    const retries = results.reduce((a, r) => a + r.retries, 0);
    const retriesByCode: Record<string, number> = {};
    for (const r of results) {
      for (const [code, n] of Object.entries(r.retriesByCode)) retriesByCode[code] = (retriesByCode[code] ?? 0) + n;
    }
    const writersSeconds = results.reduce((a, r) => a + r.cpuSeconds, 0);
    const neo4jSeconds = neo4jBefore !== null && neo4jAfter !== null ? neo4jAfter - neo4jBefore : null;
    return {
      writers: opts.writers,
      records,
      seconds,
      recordsPerSecond: records / seconds,
      transactions: results.reduce((a, r) => a + r.transactions, 0),
      retries,
      retriesPer1kRecords: (1000 * retries) / Math.max(1, records),
      retriesByCode,
      cpu: {
        neo4jSeconds,
        writersSeconds,
        coresBusy: neo4jSeconds === null ? null : (neo4jSeconds + writersSeconds) / seconds,
        loadAverage1m: os.loadavg()[0]!,
      },
    };
  });
}

/**
 * The bulk first load of the same feeds into the wiped eval server (stopped for Neo4j's importer and started
 * again), timed from the first page read to every index online.
 */
async function runBulkLoad(
  server: BundledNeo4j,
  driver: Driver,
  records: number,
  matching = false,
): Promise<{
  driver: Driver;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  cpu: { benchSeconds: number; peakRssMiB: number };
  result: BulkLoadResult;
}> {
  if (!server.started) {
    throw new Error(
      `the Neo4j on port ${evalNeo4jPort()} was not started by this bench, which must stop it for the importer: stop it and run again`,
    );
  }
  // The importer replaces the database: the target's driver after it is a new one (the old one's bookmarks name
  // transactions the new database never had), which the bench goes on with.
  await driver.close();
  const target = bundledImportTarget(server, path.join(REPO_ROOT, EVAL_NEO4J_DATA_DIR));
  const data = syntheticFeeds({ records, seed: 360, systems: SYSTEMS, tag: 'b', phoneDigit: 1, matching });
  const logger = createLogger('warn', 'c360-bench');
  const consumer = new FeedConsumer(
    new IdentityGraph(target.driver(), new NoCache(), logger),
    SYSTEMS.map((name) => ({ name, fetchPage: pageReader(data.feeds.get(name) ?? []) })),
    logger,
    { pageSize: 10_000 },
  );
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await bulkLoad({
    target,
    read: (onPage) => consumer.readToEnd(onPage),
    rules: DEFAULT_RULES,
    workDir: path.join(REPO_ROOT, '.data', 'eval', 'bulk-load'),
    onProgress: (line) => print(`    ${line}`),
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    driver: target.driver(),
    records: result.observations,
    seconds,
    recordsPerSecond: result.observations / seconds,
    // The bench process's peak resident memory so far: the feeds' data, the observations read and the plan.
    cpu: {
      benchSeconds: (used.user + used.system) / 1e6,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    result,
  };
}

/** Times lookups until `stop` resolves, cycling through the identifiers; misses are counted, not timed. */
async function lookupsWhile(
  graph: IdentityGraph,
  identifiers: NormalizedIdentifier[],
  max: number,
  stop: Promise<unknown>,
) {
  let stopped = false;
  void stop.finally(() => (stopped = true));
  const samples: number[] = [];
  let misses = 0;
  for (let i = 0; !stopped && samples.length < max; i += 1) {
    const identifier = identifiers[i % identifiers.length]!;
    const t = performance.now();
    const id = await graph.customerIdByIdentifier(identifier);
    const [customer] = id ? await graph.customers([id]) : [null];
    const elapsed = performance.now() - t;
    if (customer) samples.push(elapsed);
    else misses += 1;
    // Paced, so that the lookups measure latency under the writes rather than compete with them.
    await new Promise((r) => setTimeout(r, 20));
  }
  const sorted = samples.sort((a, b) => a - b);
  return {
    timed: sorted.length,
    misses,
    p50: sorted.length ? percentile(sorted, 0.5) : null,
    p99: sorted.length ? percentile(sorted, 0.99) : null,
  };
}

/** Removes the bench's keys (prefix bench:) from its Redis db, so that no customer id of an earlier load is served. */
async function clearBenchKeys(cache: RedisCache): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await cache.redis.scan(cursor, 'MATCH', 'bench:*', 'COUNT', 1000);
    if (keys.length > 0) await cache.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function resetFeeds(driver: Driver) {
  await driver.executeQuery('MATCH (n) WHERE n:FeedCursor OR n:FeedPage DETACH DELETE n');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        records: { type: 'string', default: '100000' },
        workers: { type: 'string', default: '3' },
        'page-size': { type: 'string', default: '1000' },
        lookups: { type: 'string', default: '500' },
        'no-matching': { type: 'boolean', default: false },
        'bulk-only': { type: 'boolean', default: false },
        'matching-records': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const sizes = values.records.split(',').map(Number);
  const workers = Number(values.workers);
  const pageSize = Number(values['page-size']);
  const lookups = Number(values.lookups);
  const matchingRecords = values['matching-records'] === undefined ? null : Number(values['matching-records']);
  const given = [...sizes, workers, pageSize, lookups, ...(matchingRecords === null ? [] : [matchingRecords])];
  if (given.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(`expected positive integers\n\n${USAGE}`);
    return 2;
  }
  const port = evalNeo4jPort();
  const redisUrl = process.env.IDENTITY_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/2';
  const logger = createLogger('warn', 'c360-bench');
  let server: BundledNeo4j | undefined;
  let driver: Driver | undefined;
  let redis: RedisCache | undefined;
  try {
    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtStart: os.loadavg(),
    };
    print(
      `identity bench on ${machine.cpus} CPUs (${machine.cpuModel}), load average ${machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')}`,
    );
    ({ server, driver } = await startEvalNeo4j(port, logger));
    const uri = `neo4j://127.0.0.1:${port}`;
    redis = RedisCache.connect(redisUrl, logger, 'bench:');
    const runs = [];
    const bulkRuns = [];
    /**
     * The bulk first load into the wiped graph, then the invariants, the partition against the feeds' (when
     * given), and the feeds read again from the watermarks the load wrote (nothing is left to ingest).
     */
    const bulkAndCheck = async (records: number, feedsPartition?: string[][], matching = false) => {
      print(
        `  bulk first load${matching ? ' with the probabilistic matcher on' : ''} (feeds read to the end, resolved in memory, Neo4j importer)…`,
      );
      const bulk = await runBulkLoad(server!, driver!, records, matching);
      print(
        `  → ${Math.round(bulk.recordsPerSecond)} records/s (${Object.entries(bulk.result.seconds)
          .map(([phase, s]) => `${phase} ${s.toFixed(1)} s`)
          .join(', ')})`,
      );
      const checks = await checkIdentityGraph(bulk.driver);
      const violations = checks.filter((c) => c.violations > 0).map((c) => c.name);
      const partitionEqualsFeeds = feedsPartition
        ? JSON.stringify(await partitionOf(bulk.driver, SYSTEMS)) === JSON.stringify(feedsPartition)
        : null;
      print(
        `  invariants after the bulk load: ${violations.length === 0 ? 'all hold' : `VIOLATED ${violations.join(', ')}`}` +
          (partitionEqualsFeeds === null
            ? ''
            : `; partition ${partitionEqualsFeeds ? 'equal to' : 'DIFFERENT from'} the 1-writer feed load's`),
      );
      const more = await runWriters(uri, port, { records, writers: 1, workers, pageSize, matching, tag: 'b' });
      print(`  feeds after the bulk load: ${more.records} observations left to ingest (expected 0)`);
      return { ...bulk, violations, partitionEqualsFeeds, feedRecordsAfter: more.records };
    };
    for (const records of sizes) {
      print(`\n${records} records, ${workers} workers per writer, pages of ${pageSize}`);
      // Per size: the bulk load of the previous size replaced the driver.
      const uncached = new IdentityGraph(driver, new NoCache(), logger);
      const cached = new IdentityGraph(driver, redis, logger);
      const fresh = async () => {
        await wipeNeo4j(driver!);
        await migrate(driver!);
        await clearBenchKeys(redis!);
      };
      /** The bulk load of records carrying match attributes, the matcher on, into the wiped graph. */
      const bulkMatching = async () => {
        if (values['no-matching']) return null;
        await fresh();
        const { driver: after, ...run } = await bulkAndCheck(records, undefined, true);
        driver = after;
        print(
          `  matcher: ${run.result.scoredPairs} pairs scored, ${run.result.matchLinks} linked, ${run.result.matchReviews} to review`,
        );
        return run;
      };
      if (values['bulk-only']) {
        await fresh();
        const { driver: after, ...bulk } = await bulkAndCheck(records);
        driver = after;
        bulkRuns.push({ records, bulk, bulkMatching: await bulkMatching() });
        continue;
      }
      await fresh();
      print('  first load, 1 writer…');
      const load1 = await runWriters(uri, port, { records, writers: 1, workers, pageSize, matching: false, tag: 'b' });
      print(`  → ${Math.round(load1.recordsPerSecond)} records/s, ${load1.retries} retries`);
      const load1Partition = await partitionOf(driver, SYSTEMS);
      await resetFeeds(driver);
      print('  replay, 1 writer…');
      const replay = await runWriters(uri, port, { records, writers: 1, workers, pageSize, matching: false, tag: 'b' });
      print(`  → ${Math.round(replay.recordsPerSecond)} records/s`);

      await fresh();
      print('  first load, 2 writers, lookups timed meanwhile…');
      const data = syntheticFeeds({
        records: Math.min(records, 20000),
        seed: 360,
        systems: SYSTEMS,
        tag: 'b',
        phoneDigit: 1,
      });
      const sample = [...data.feeds.values()]
        .flat()
        .slice(0, 5000)
        .map((r) => normalizeIdentifier(r.identifiers[0]!.kind, r.identifiers[0]!.value));
      const load2Promise = runWriters(uri, port, { records, writers: 2, workers, pageSize, matching: false, tag: 'b' });
      // Wait for the first records before looking anything up.
      await new Promise((r) => setTimeout(r, 3000));
      const [load2, lookupUncached, lookupCached] = await Promise.all([
        load2Promise,
        lookupsWhile(uncached, sample, lookups, load2Promise),
        lookupsWhile(cached, sample, lookups, load2Promise),
      ]);
      print(`  → ${Math.round(load2.recordsPerSecond)} records/s, ${load2.retries} retries`);
      const checks = await checkIdentityGraph(driver);
      const violations = checks.filter((c) => c.violations > 0).map((c) => c.name);
      print(
        `  invariants after 2 writers: ${violations.length === 0 ? 'all hold' : `VIOLATED ${violations.join(', ')}`}`,
      );

      let matching: Load | null = null;
      let matchingError: string | null = null;
      if (!values['no-matching']) {
        await fresh();
        const withMatcher = Math.min(records, matchingRecords ?? records);
        print(`  first load with the probabilistic matcher on, 2 writers, ${withMatcher} records…`);
        try {
          matching = await runWriters(uri, port, {
            records: withMatcher,
            writers: 2,
            workers,
            pageSize,
            matching: true,
            tag: 'b',
          });
          print(`  → ${Math.round(matching.recordsPerSecond)} records/s, ${matching.retries} retries`);
        } catch (err) {
          // The other figures stand; the failure is reported in the result rather than losing the run.
          matchingError = (err as Error).message.slice(0, 2000);
          print(`  → failed: ${matchingError.split('\n')[0]}`);
        }
      }
      await fresh();
      const { driver: after, ...bulk } = await bulkAndCheck(records, load1Partition);
      driver = after;
      runs.push({
        records,
        bulk,
        bulkMatching: await bulkMatching(),
        load1,
        replay,
        load2,
        matching,
        lookups: { uncached: lookupUncached, cached: lookupCached },
        violations,
      });
    }

    if (values['bulk-only']) {
      const last = bulkRuns[bulkRuns.length - 1]!;
      const result = {
        generatedAt: new Date().toISOString(),
        records: last.records,
        bulk_first_load_records_per_s: Math.round(last.bulk.recordsPerSecond),
        // The same load with match attributes on every record and the probabilistic matcher on.
        bulk_first_load_records_per_s_matching: last.bulkMatching
          ? Math.round(last.bulkMatching.recordsPerSecond)
          : null,
        machine: { ...machine, loadAverageAtEnd: os.loadavg() },
        runs: bulkRuns,
      };
      print(`\nresult written to ${await writeResult('identity-bulk.json', result)}`);
      return 0;
    }
    const last = runs[runs.length - 1]!;
    const retries = [last.load1, last.load2, last.matching].filter((l): l is Load => l !== null);
    const result = {
      generatedAt: new Date().toISOString(),
      records: last.records,
      first_load_records_per_s_1w: Math.round(last.load1.recordsPerSecond),
      first_load_records_per_s_2w: Math.round(last.load2.recordsPerSecond),
      scaling_2w_vs_1w: Number((last.load2.recordsPerSecond / last.load1.recordsPerSecond).toFixed(2)),
      first_load_records_per_s_matching: last.matching ? Math.round(last.matching.recordsPerSecond) : null,
      // The bulk first load of an empty graph (bulk-load.ts): the feeds read, resolved in memory, Neo4j's importer.
      first_load_records_per_s_bulk: Math.round(last.bulk.recordsPerSecond),
      bulk_partition_equals_feeds: last.bulk.partitionEqualsFeeds,
      // The bulk load of records with match attributes, the probabilistic matcher on (every record, not --matching-records).
      first_load_records_per_s_matching_bulk: last.bulkMatching ? Math.round(last.bulkMatching.recordsPerSecond) : null,
      // The matcher's load may cover fewer records than the others (--matching-records).
      first_load_matching_records: last.matching?.records ?? null,
      replay_records_per_s: Math.round(last.replay.recordsPerSecond),
      retries_per_1k_records: Number(
        ((1000 * retries.reduce((a, l) => a + l.retries, 0)) / retries.reduce((a, l) => a + l.records, 0)).toFixed(2),
      ),
      lookup_p50_ms_uncached: last.lookups.uncached.p50,
      lookup_p99_ms_uncached: last.lookups.uncached.p99,
      lookup_p50_ms_cached: last.lookups.cached.p50,
      lookup_p99_ms_cached: last.lookups.cached.p99,
      machine: { ...machine, loadAverageAtEnd: os.loadavg() },
      options: { sizes, workers, pageSize, lookups, matchingRecords },
      runs,
    };
    print('\nidentity graph benchmark (records/s; lookups p50/p99 ms while 2 writers run)');
    print(
      '  records   bulk     bulk+matcher  1 writer  2 writers  scaling  matching (records)  replay  retries/1k  uncached p50/p99  cached p50/p99  cores busy (2w)',
    );
    for (const r of runs) {
      const f = (n: number | null | undefined) => (n === null || n === undefined ? '-' : n.toFixed(1));
      // Records/s with the matcher on, and over how many records when fewer than the size (--matching-records).
      const matcherCell = !r.matching
        ? '-'
        : `${Math.round(r.matching.recordsPerSecond)}${r.matching.records === r.records ? '' : ` (${r.matching.records})`}`;
      print(
        `  ${String(r.records).padEnd(9)} ${String(Math.round(r.bulk.recordsPerSecond)).padEnd(8)} ` +
          `${(r.bulkMatching ? String(Math.round(r.bulkMatching.recordsPerSecond)) : '-').padEnd(13)} ${String(Math.round(r.load1.recordsPerSecond)).padEnd(9)} ` +
          `${String(Math.round(r.load2.recordsPerSecond)).padEnd(10)} ${(r.load2.recordsPerSecond / r.load1.recordsPerSecond).toFixed(2).padEnd(8)} ` +
          `${matcherCell.padEnd(18)} ${String(Math.round(r.replay.recordsPerSecond)).padEnd(7)} ` +
          `${((1000 * (r.load1.retries + r.load2.retries)) / (r.load1.records + r.load2.records)).toFixed(2).padEnd(11)} ` +
          `${f(r.lookups.uncached.p50)}/${f(r.lookups.uncached.p99)}`.padEnd(18) +
          ` ${f(r.lookups.cached.p50)}/${f(r.lookups.cached.p99)}`.padEnd(16) +
          ` ${f(r.load2.cpu.coresBusy)} (Neo4j ${f(r.load2.cpu.neo4jSeconds)} s, writers ${f(r.load2.cpu.writersSeconds)} s)`,
      );
    }
    print(`\nresult written to ${await writeResult('identity.json', result)}`);
    return 0;
  } catch (err) {
    console.error('\nidentity bench failed:', err);
    return 1;
  } finally {
    await redis?.close();
    await driver?.close();
    await server?.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error('identity bench failed:', err);
    process.exitCode = 1;
  },
);
