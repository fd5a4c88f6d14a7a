/**
 * `npm run identity`: the identity subgraph alone, as one replica of a fleet
 * runs it — against an existing Neo4j (NEO4J_URI: bolt://, neo4j:// routing,
 * +s for TLS) and the Redis the gateways share. Every merge, split, new
 * record or erasure is published on Redis, so that every gateway replica
 * drops what it cached of those customers (subgraphs/shared/src/invalidation.ts);
 * their entries in the shared Redis are dropped before the write answers.
 *
 * The observation feeds to consume are named FEED_URL_<SOURCE> (e.g.
 * FEED_URL_CRM=http://crm:4002/observations); FEED_POLL_INTERVAL_MS=0 leaves
 * them to other replicas (watermarks live in the graph, so any replica may poll).
 *
 * SIGTERM and SIGINT drain in-flight requests (SHUTDOWN_DRAIN_MS), then stop.
 */
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { configureSubgraphAuth } from '@c360/kit/auth';
import { createCache, RedisCache } from '@c360/kit/cache';
import { ConfigError, parseEnv, port, urlWith } from '@c360/kit/config';
import { configureShutdown, stopOnSignals } from '@c360/kit/http';
import { DEFAULT_GATEWAY_REDIS_PREFIX, InvalidationBus } from '@c360/kit/invalidation';
import { createLogger } from '@c360/kit/logger';
import { redisEnv, redisProblems, redisTopology } from '@c360/kit/redis';
import { loadRules } from './rules';
import { startIdentitySubgraph } from '.';

/** Settings of a standalone identity replica. Nothing else in it reads process.env. */
export const identityEnv = {
  C360_MODE: z.enum(['development', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  IDENTITY_PORT: port(4001),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The Neo4j server, cluster (neo4j://, neo4j+s://) or Aura instance of the identity graph. */
  NEO4J_URI: urlWith(['bolt', 'neo4j', 'bolt+s', 'neo4j+s', 'bolt+ssc', 'neo4j+ssc']),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  ...redisEnv,
  /** Prefix of the gateways' keys in the shared Redis (their GATEWAY_REDIS_PREFIX): a write drops its customers' cached entries there before it answers. */
  GATEWAY_REDIS_PREFIX: z.string().default(DEFAULT_GATEWAY_REDIS_PREFIX),
  /** Secret(s) the gateway signs caller headers with, comma-separated; required in production. */
  SUBGRAPH_SHARED_SECRET: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .optional(),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code like FR')
    .default('FR'),
  IDENTITY_RULES_PATH: z.string().optional(),
  /** How often the observation feeds are polled; 0: never from this replica. */
  FEED_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(10_000),
};

export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseEnv(identityEnv, env);
  const problems = redisProblems(config);
  if (config.C360_MODE === 'production' && !config.SUBGRAPH_SHARED_SECRET?.length) {
    problems.push('SUBGRAPH_SHARED_SECRET: required in production (the secret the gateway signs its calls with)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const feeds = Object.entries(env)
    .filter(([key, value]) => key.startsWith('FEED_URL_') && value)
    .map(([key, value]) => ({ name: key.slice('FEED_URL_'.length).toLowerCase(), url: value! }));
  return { ...config, feeds };
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadIdentityConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee docs/deploy.md.`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL, 'c360-identity');
  configureShutdown({ drainMs: config.SHUTDOWN_DRAIN_MS });
  configureSubgraphAuth({ mode: config.C360_MODE, secrets: config.SUBGRAPH_SHARED_SECRET });
  const auth = config.NEO4J_PASSWORD ? neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD) : undefined;
  const driver = neo4j.driver(config.NEO4J_URI, auth, {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 10_000,
  });
  await driver.verifyConnectivity();
  if (!redisTopology(config))
    logger.warn('no Redis configured: caches are per process and gateways are not told of merges');
  const cache = await createCache({ redis: config, fallbackUrl: 'redis://127.0.0.1:6379' }, logger);
  const redis = cache instanceof RedisCache ? cache.redis : null;
  const bus = new InvalidationBus(
    redis,
    logger,
    undefined,
    redis ? new RedisCache(redis, logger, config.GATEWAY_REDIS_PREFIX) : null,
  );
  const identity = await startIdentitySubgraph({
    driver,
    database: config.NEO4J_DATABASE,
    cache,
    logger,
    host: config.HOST,
    port: config.IDENTITY_PORT,
    normalize: { defaultRegion: config.DEFAULT_PHONE_REGION },
    rules: loadRules(config.IDENTITY_RULES_PATH),
    feeds: config.feeds,
    onCustomersChanged: (customers) => bus.publish({ customers }),
  });
  if (config.FEED_POLL_INTERVAL_MS > 0 && config.feeds.length > 0) identity.feed.start(config.FEED_POLL_INTERVAL_MS);
  logger.info({ url: identity.server.url, feeds: config.feeds.map((f) => f.name) }, 'identity listening');

  stopOnSignals(async () => {
    await identity.stop();
    await cache.close();
    await driver.close();
  }, logger);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`the identity subgraph failed to start: ${err.message}`);
    process.exit(1);
  });
}
