/**
 * `npm run identity:profile -- [--records N] [--page-size N] [--matching] [--keep-server]`
 *
 * Where one page of a first load spends its time, in load-independent units:
 * statements per page, and per statement kind the Neo4j server's CPU
 * milliseconds per record (from /proc, the JVM's user + system time around
 * each statement) against the writer's own CPU per record. Runs one writer,
 * one page at a time, over the benchmark's synthetic feeds, with every
 * statement of a transaction run one after the other (not pipelined) so that
 * the server's CPU between two answers is that statement's. Not a benchmark:
 * the serialisation adds round trips; compare CPU, not wall time.
 *
 * Uses (and wipes) the evaluation Neo4j (EVAL_NEO4J_BOLT_PORT, default 7689); --keep-server leaves it
 * running, so that the next run measures a JVM whose JIT has warmed up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { FeedConsumer } from '../src/feed';
import { IdentityGraph } from '../src/graph';
import { migrate } from '../src/migrations';
import { evalNeo4jPort, startEvalNeo4j, wipeNeo4j } from './eval-neo4j';
import { pageReader, syntheticFeeds } from './synthetic';

const SYSTEMS = ['crm', 'shop', 'web', 'surveys'];

function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function neo4jPid(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const i = cmd.indexOf('--port');
      if (cmd[0]?.endsWith('java') && i >= 0 && Number(cmd[i + 1]) === port) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no Neo4j launcher JVM on port ${port}`);
}

/** A short name for a statement: its first words, without the plan prefix. */
function labelOf(query: string): string {
  return query
    .replace(/^CYPHER replan=skip /, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}

interface Entry {
  count: number;
  neo4jMs: number;
  wallMs: number;
  rows: number;
}

async function main() {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '20000' },
      'page-size': { type: 'string', default: '1000' },
      matching: { type: 'boolean', default: false },
      'keep-server': { type: 'boolean', default: false },
    },
  });
  const records = Number(values.records);
  const pageSize = Number(values['page-size']);
  const logger = createLogger('warn', 'identity-profile');
  const port = evalNeo4jPort();
  const { server, driver } = await startEvalNeo4j(port, logger);
  const pid = neo4jPid(port);
  const entries = new Map<string, Entry>();
  // One chain per transaction: chaining across transactions would wait on the client for a statement that
  // the server makes wait for a lock held by the other transaction (the feed's cursor beside a page).
  const chains = new WeakMap<object, Promise<unknown>>();
  // Every statement, in a transaction or not, one after the other, with the server's CPU around it.
  const patch = (proto: { run: (...a: unknown[]) => unknown }) => {
    const original = proto.run;
    proto.run = function (this: unknown, query: string, params?: unknown) {
      // driver.executeQuery (the erasure check) reads the driver's Result itself: left as it is, unmeasured.
      if (query.includes('ErasureTombstone')) return original.call(this, query, params);
      const tx = this as object;
      const run = (chains.get(tx) ?? Promise.resolve()).then(async () => {
        const cpu0 = cpuMsOf(pid);
        const t0 = performance.now();
        const result = await (original.call(this, query, params) as Promise<unknown>);
        const e = entries.get(labelOf(query)) ?? { count: 0, neo4jMs: 0, wallMs: 0, rows: 0 };
        e.count += 1;
        e.rows += (result as { records: unknown[] }).records.length;
        e.neo4jMs += cpuMsOf(pid) - cpu0;
        e.wallMs += performance.now() - t0;
        entries.set(labelOf(query), e);
        return result;
      });
      chains.set(
        tx,
        run.catch(() => undefined),
      );
      return run;
    } as typeof original;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require('neo4j-driver-core') as {
    ManagedTransaction: { prototype: { run: (...a: unknown[]) => unknown } };
  };
  patch(core.ManagedTransaction.prototype);
  try {
    await wipeNeo4j(driver);
    await migrate(driver);
    const data = syntheticFeeds({
      records,
      seed: 360,
      systems: SYSTEMS,
      tag: 'profile',
      phoneDigit: 1,
      matching: values.matching,
    });
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    const load = async (what: string) => {
      entries.clear();
      const consumer = new FeedConsumer(
        graph,
        SYSTEMS.map((name) => ({ name, fetchPage: pageReader(data.feeds.get(name) ?? []) })),
        logger,
        { workers: 1, pageSize },
      );
      const cpu = process.cpuUsage();
      const neo0 = cpuMsOf(pid);
      const t0 = performance.now();
      const results = await consumer.runOnce();
      const used = process.cpuUsage(cpu);
      const neoMs = cpuMsOf(pid) - neo0;
      const n = results.reduce((a, r) => a + r.records, 0);
      const pages = results.reduce((a, r) => a + r.pages, 0);
      const statements = [...entries.values()].reduce((a, e) => a + e.count, 0);
      console.log(
        `\n${what}: ${n} records, ${pages} pages, ${(statements / pages).toFixed(1)} statements/page, ` +
          `Neo4j ${(neoMs / n).toFixed(3)} CPU ms/record, writer ${((used.user + used.system) / 1000 / n).toFixed(3)} ` +
          `CPU ms/record, ${(graph.writeStats as { fastPathRecords?: number }).fastPathRecords ?? 0} by the fast path, ${((performance.now() - t0) / 1000).toFixed(1)} s wall (serialised), load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      );
      const rows = [...entries].sort((a, b) => b[1].neo4jMs - a[1].neo4jMs);
      console.log('  per page  Neo4j ms/rec  wall ms/rec  rows/page  statement');
      for (const [label, e] of rows) {
        console.log(
          `  ${(e.count / pages).toFixed(2).padStart(8)}  ${(e.neo4jMs / n).toFixed(4).padStart(12)}  ${(e.wallMs / n).toFixed(4).padStart(11)}  ${(e.rows / pages).toFixed(0).padStart(9)}  ${label}`,
        );
      }
    };
    await load('first load');
  } finally {
    await driver.close();
    if (!values['keep-server']) await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
