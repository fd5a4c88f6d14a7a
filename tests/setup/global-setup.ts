import Redis from 'ioredis';
import { databasesOf } from '@c360/embedded/config';
import { ensureDemoDatabases, ServiceUnavailableError } from '@c360/embedded/services';
import { boltAnswers, startBundledNeo4j } from '@c360/embedded/neo4j';
import { createLogger } from '@c360/kit/logger';
import { TEST_ENV, TEST_NEO4J_URI } from './test-env';

/**
 * Once per test run: checks the real services, creates the test databases
 * and starts the bundled Neo4j for tests (unless TEST_NEO4J_URI points at one).
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger('info', 'c360-tests');
  const started = Date.now();
  process.stdout.write('\n[tests] checking PostgreSQL, MariaDB, Redis and Neo4j…\n');
  try {
    await ensureDemoDatabases(databasesOf(TEST_ENV as Parameters<typeof databasesOf>[0]), logger);
  } catch (err) {
    if (err instanceof ServiceUnavailableError) throw new Error(`Tests need the real services.\n${err.message}`);
    throw err;
  }
  const redis = new Redis(TEST_ENV.REDIS_URL!, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Tests need Redis at ${TEST_ENV.REDIS_URL}: ${(err as Error).message}\nStart it with:\n  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  } finally {
    redis.disconnect();
  }
  if (!process.env.TEST_NEO4J_URI && !(await boltAnswers(TEST_NEO4J_URI))) {
    process.stdout.write('[tests] starting the bundled Neo4j for tests (first time: Maven build)…\n');
    const neo4j = await startBundledNeo4j({
      port: Number(TEST_ENV.NEO4J_BOLT_PORT),
      dataDir: TEST_ENV.NEO4J_DATA_DIR!,
      logger,
    });
    (globalThis as { __C360_NEO4J__?: typeof neo4j }).__C360_NEO4J__ = neo4j;
  }
  process.stdout.write(`[tests] services ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
