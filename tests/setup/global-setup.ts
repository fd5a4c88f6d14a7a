import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { databasesOf } from '@c360/embedded/config';
import { ensureDemoDatabases, ServiceUnavailableError } from '@c360/embedded/services';
import { boltAnswers, startBundledNeo4j } from '@c360/embedded/neo4j';
import { createLogger } from '@c360/kit/logger';
import { dropTestDatabases } from './fresh-databases';
import { TEST_ENV, TEST_NEO4J_URI, TEST_TRUTH_PATH } from './test-env';
import { waitFor } from './waiting';

/** host:port of a service URL, for the "waiting for" lines (never the credentials). */
const hostOf = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port}`;
};

/**
 * Once per test run: checks the real services, creates the test databases
 * and starts the bundled Neo4j for tests (unless TEST_NEO4J_URI points at one).
 * Each wait prints what it waits for and where (stderr), and fails with a hint.
 */
export default async function globalSetup(): Promise<void> {
  // Every Neo4j the tests start (this one, and those suites start of their own) lives a minute or two: with the C1
  // compiler alone it uses about half the CPU (no C2 compiling), which the other lane and its services need.
  process.env.C360_NEO4J_JAVA_OPTS ??= '-XX:TieredStopAtLevel=1';
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', 'c360-tests');
  const started = Date.now();
  process.stderr.write('\n');
  const databases = Object.values(databasesOf(TEST_ENV as Parameters<typeof databasesOf>[0]));
  if (process.env.TEST_FRESH_DATABASES === '1') {
    process.stderr.write('[tests] dropping the test databases and seed files of earlier runs (TEST_FRESH_DATABASES)\n');
    const root = path.resolve(__dirname, '..', '..');
    await dropTestDatabases(databases, [
      TEST_TRUTH_PATH,
      path.resolve(root, TEST_ENV.STORES_EXPORT_DIR!),
      path.resolve(root, TEST_ENV.HELPDESK_DATA_PATH!),
    ]);
  }
  // The stores' till export folder: empty is a store with no sales yet; missing is a source down. A suite that
  // starts the product without the demo seed (which writes the folder) must not depend on one that ran before it.
  mkdirSync(path.resolve(__dirname, '..', '..', TEST_ENV.STORES_EXPORT_DIR!), { recursive: true });
  for (const [engine, name, hint] of [
    [
      'postgresql',
      'PostgreSQL',
      'Is PostgreSQL running? `bash .ci/ensure-services.sh` starts the local services; TEST_*_DATABASE_URL choose others.',
    ],
    [
      'mariadb',
      'MariaDB',
      'Is MariaDB running? `bash .ci/ensure-services.sh` starts the local services; TEST_*_DATABASE_URL choose others.',
    ],
  ] as const) {
    const specs = databases.filter((spec) => spec.engine === engine);
    if (specs.length === 0) continue;
    const where = [...new Set(specs.map((spec) => hostOf(spec.url)))].join(', ');
    const names = specs.map((spec) => new URL(spec.url).pathname.slice(1)).join(', ');
    try {
      await waitFor(
        `${name} (test databases ${names})`,
        where,
        () => ensureDemoDatabases(Object.fromEntries(specs.map((spec, i) => [String(i), spec])), logger),
        { timeoutMs: 60_000, hint },
      );
    } catch (err) {
      if (err instanceof ServiceUnavailableError || (err as Error).cause instanceof ServiceUnavailableError)
        throw new Error(`Tests need the real services.\n${(err as Error).message}`);
      throw err;
    }
  }
  const redis = new Redis(TEST_ENV.REDIS_URL!, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await waitFor(
      'Redis',
      TEST_ENV.REDIS_URL!,
      async () => {
        await redis.connect();
        await redis.ping();
      },
      {
        timeoutMs: 10_000,
        hint: 'Start it with:\n  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n(or point TEST_REDIS_URL at one)',
      },
    );
  } finally {
    redis.disconnect();
  }
  if (process.env.TEST_NEO4J_URI || (await boltAnswers(TEST_NEO4J_URI))) {
    await waitFor(
      'Neo4j',
      TEST_NEO4J_URI,
      async () => {
        if (!(await boltAnswers(TEST_NEO4J_URI))) throw new Error('bolt does not answer');
      },
      { timeoutMs: 10_000, hint: 'TEST_NEO4J_URI must point at a running Neo4j (or unset it: tests start their own).' },
    );
  } else {
    const neo4j = await waitFor(
      `the bundled Neo4j for tests (data ${TEST_ENV.NEO4J_DATA_DIR})`,
      TEST_NEO4J_URI,
      () =>
        startBundledNeo4j({
          port: Number(TEST_ENV.NEO4J_BOLT_PORT),
          dataDir: TEST_ENV.NEO4J_DATA_DIR!,
          logger,
        }),
      {
        timeoutMs: 300_000,
        hint:
          'The first run builds the launcher (`bash embedded/neo4j-launcher/build.sh`, Maven, ~1 min). ' +
          `Is port ${TEST_ENV.NEO4J_BOLT_PORT} taken by something else (TEST_NEO4J_BOLT_PORT picks another)? ` +
          `Its log is under ${TEST_ENV.NEO4J_DATA_DIR}.`,
      },
    );
    (globalThis as { __C360_NEO4J__?: typeof neo4j }).__C360_NEO4J__ = neo4j;
  }
  process.stderr.write(`[tests] services ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
