import path from 'node:path';
import mysql from 'mysql2/promise';
import neo4j, { type Driver } from 'neo4j-driver';
import { Pool } from 'pg';
import { seedDemo } from '../../demo/seed';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { startCommerceSubgraph } from '../../subgraphs/commerce/src';
import { startCrmSubgraph } from '../../subgraphs/crm/src';
import { startIdentitySubgraph, type IdentitySubgraph } from '../../subgraphs/identity/src';
import { loadRules } from '../../subgraphs/identity/src/rules';
import { createCache, type Cache } from '../../subgraphs/shared/src/cache';
import type { RunningServer } from '../../subgraphs/shared/src/http';
import type { Logger } from '../../subgraphs/shared/src/logger';
import { databasesOf, type EmbeddedConfig } from './config';
import { startBundledNeo4j, type BundledNeo4j } from './neo4j';
import { ensureDemoDatabases } from './services';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const DEFAULT_LOCAL_REDIS = 'redis://127.0.0.1:6379';

export interface Product {
  config: EmbeddedConfig;
  gateway: RunningGateway;
  identity: IdentitySubgraph;
  crm: RunningServer;
  commerce: RunningServer;
  driver: Driver;
  cache: Cache;
  neo4j: BundledNeo4j | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the seed writes its ground truth. @default demo/data/ground-truth.json */
  truthPath?: string;
  /** Poll the observation feeds after the first catch-up. @default true */
  pollFeeds?: boolean;
}

/** Connects to NEO4J_URI when given, else to the bundled Neo4j (started if needed). */
export async function connectNeo4j(
  config: EmbeddedConfig,
  logger: Logger,
): Promise<{ driver: Driver; bundled: BundledNeo4j | null }> {
  let bundled: BundledNeo4j | null = null;
  let uri = config.NEO4J_URI;
  if (!uri) {
    bundled = await startBundledNeo4j({
      port: config.NEO4J_BOLT_PORT,
      dataDir: path.resolve(REPO_ROOT, config.NEO4J_DATA_DIR),
      logger,
    });
    uri = bundled.uri;
  }
  const auth = config.NEO4J_PASSWORD ? neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD) : undefined;
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true, connectionAcquisitionTimeout: 10_000 });
  try {
    await driver.verifyConnectivity();
  } catch (err) {
    await driver.close();
    await bundled?.stop();
    throw new Error(
      `Neo4j at ${uri} is not reachable: ${(err as Error).message}. Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.`,
    );
  }
  return { driver, bundled };
}

/**
 * Starts the whole product in one process: checks the local services,
 * creates and seeds the demo source systems, starts Neo4j, the subgraphs, the
 * identity feed consumer and the gateway. Everything started is stopped by `stop()`.
 */
export async function startProduct(
  config: EmbeddedConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<Product> {
  const cleanups: [string, () => Promise<void>][] = [];
  const stop = async () => {
    for (const [name, cleanup] of cleanups.reverse()) {
      try {
        await cleanup();
        logger.debug(`stopped ${name}`);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, `error while stopping ${name}`);
      }
    }
    cleanups.length = 0;
  };
  try {
    await ensureDemoDatabases(databasesOf(config), logger);
    if (config.SEED_DEMO) {
      const pg = new Pool({ connectionString: config.CRM_DATABASE_URL, max: 2 });
      const shop = mysql.createPool({ uri: config.COMMERCE_DATABASE_URL, connectionLimit: 2, timezone: 'Z' });
      try {
        await seedDemo({
          pg,
          mysql: shop,
          people: config.DEMO_PEOPLE,
          truthPath: options.truthPath,
          log: (message) => logger.info(message),
        });
      } finally {
        await pg.end();
        await shop.end();
      }
    }

    const { driver, bundled } = await connectNeo4j(config, logger);
    cleanups.push([
      'neo4j',
      async () => {
        await driver.close();
        await bundled?.stop();
      },
    ]);
    const cache = await createCache({ url: config.REDIS_URL, fallbackUrl: DEFAULT_LOCAL_REDIS }, logger);
    cleanups.push(['cache', () => cache.close()]);

    const common = { host: config.HOST, logger, sourceTimeoutMs: config.SOURCE_TIMEOUT_MS };
    const crm = await startCrmSubgraph({ ...common, databaseUrl: config.CRM_DATABASE_URL, port: config.CRM_PORT });
    cleanups.push(['crm', () => crm.stop()]);
    const commerce = await startCommerceSubgraph({
      ...common,
      databaseUrl: config.COMMERCE_DATABASE_URL,
      port: config.COMMERCE_PORT,
    });
    cleanups.push(['commerce', () => commerce.stop()]);
    const feedUrl = (server: RunningServer) => server.url.replace(/\/graphql$/, '/observations');
    const identity = await startIdentitySubgraph({
      driver,
      database: config.NEO4J_DATABASE,
      cache,
      logger,
      host: config.HOST,
      port: config.IDENTITY_PORT,
      normalize: { defaultRegion: config.DEFAULT_PHONE_REGION },
      rules: loadRules(config.IDENTITY_RULES_PATH),
      feeds: [
        { name: 'crm', url: feedUrl(crm) },
        { name: 'commerce', url: feedUrl(commerce) },
      ],
    });
    cleanups.push(['identity', () => identity.stop()]);

    const started = Date.now();
    const results = await identity.feed.runOnce((progress) =>
      logger.info(`identity feed: ${progress.source} ${progress.records} records ingested`),
    );
    logger.info({ results, seconds: (Date.now() - started) / 1000 }, 'identity graph caught up with the sources');
    if (options.pollFeeds ?? true) identity.feed.start(config.FEED_POLL_INTERVAL_MS);

    const gateway = await startGateway({
      config,
      logger,
      subgraphUrls: { identity: identity.server.url, crm: crm.url, commerce: commerce.url },
    });
    cleanups.push(['gateway', () => gateway.stop()]);

    return { config, gateway, identity, crm, commerce, driver, cache, neo4j: bundled, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
