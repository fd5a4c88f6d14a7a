/**
 * One identity writer process over synthetic feeds (see synthetic.ts), for
 * the concurrency test and the benchmark: consumes the given sources with a
 * FeedConsumer of `--workers` workers into the graph at NEO4J_URI, prints a
 * JSON line `{"progress": records}` after each page and a last JSON line with
 * what it did (records, seconds, transactions, retries, CPU time).
 *
 *   tsx writer.ts --systems a,b --all-systems a,b,c,d --records N --seed N --tag T --phone-digit D
 *                 [--workers N] [--page-size N] [--matching]
 *
 * Every process given the same --all-systems, --records, --seed and --tag
 * builds the same feeds, and reads only its --systems of them.
 */
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { FeedConsumer } from '../src/feed';
import { IdentityGraph } from '../src/graph';
import { pageReader, syntheticFeeds } from './synthetic';

export interface WriterResult {
  records: number;
  pages: number;
  seconds: number;
  transactions: number;
  retries: number;
  retriesByCode: Record<string, number>;
  cpuSeconds: number;
}

export interface WriterOptions {
  uri: string;
  systems: string[];
  allSystems: string[];
  records: number;
  seed: number;
  tag: string;
  phoneDigit: number;
  workers: number;
  pageSize: number;
  matching: boolean;
}

/** Runs one writer in this process (the serial run of the test uses it directly). */
export async function runWriter(options: WriterOptions, onProgress?: (records: number) => void): Promise<WriterResult> {
  const data = syntheticFeeds({
    records: options.records,
    seed: options.seed,
    systems: options.allSystems,
    tag: options.tag,
    phoneDigit: options.phoneDigit,
    matching: options.matching,
  });
  const driver = neo4j.driver(options.uri, undefined, { disableLosslessIntegers: true, maxConnectionPoolSize: 20 });
  const logger = createLogger('warn', 'identity-writer');
  try {
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    const consumer = new FeedConsumer(
      graph,
      options.systems.map((name) => ({ name, fetchPage: pageReader(data.feeds.get(name) ?? []) })),
      logger,
      { workers: options.workers, pageSize: options.pageSize },
    );
    const cpu = process.cpuUsage();
    const started = performance.now();
    let total = 0;
    const progress = new Map<string, number>();
    const results = await consumer.runOnce((r) => {
      progress.set(r.source, r.records);
      total = [...progress.values()].reduce((a, b) => a + b, 0);
      onProgress?.(total);
    });
    const used = process.cpuUsage(cpu);
    const stats = graph.writeStats;
    return {
      records: results.reduce((a, r) => a + r.records, 0),
      pages: results.reduce((a, r) => a + r.pages, 0),
      seconds: (performance.now() - started) / 1000,
      transactions: stats.transactions,
      retries: stats.retries,
      retriesByCode: stats.retriesByCode,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
  } finally {
    await driver.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      systems: { type: 'string' },
      'all-systems': { type: 'string' },
      records: { type: 'string' },
      seed: { type: 'string', default: '360' },
      tag: { type: 'string' },
      'phone-digit': { type: 'string', default: '1' },
      workers: { type: 'string', default: '3' },
      'page-size': { type: 'string', default: '1000' },
      matching: { type: 'boolean', default: false },
    },
  });
  const int = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected an integer, received ${JSON.stringify(v)}`);
    return n;
  };
  if (!values.systems || !values['all-systems'] || !values.tag) {
    throw new Error('expected --systems, --all-systems and --tag');
  }
  const result = await runWriter(
    {
      uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
      systems: values.systems.split(','),
      allSystems: values['all-systems'].split(','),
      records: int('records', values.records),
      seed: int('seed', values.seed),
      tag: values.tag,
      phoneDigit: int('phone-digit', values['phone-digit']),
      workers: int('workers', values.workers),
      pageSize: int('page-size', values['page-size']),
      matching: values.matching,
    },
    (records) => process.stdout.write(`${JSON.stringify({ progress: records })}\n`),
  );
  process.stdout.write(`${JSON.stringify({ result })}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
