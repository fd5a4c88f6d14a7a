import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { seedDemo } from '@c360/demo/seed';
import { openSeedTargets } from '@c360/demo/seed/targets';
import { watchForReload } from '@c360/gateway/reload';
import { gatewaySettingsProblems, startGateway, type RunningGateway } from '@c360/gateway/server';
import { ConfigError } from '@c360/kit/config';
import { startHelpdeskSimulator, type HelpdeskSimulator } from '@c360/demo/sources/helpdesk';
import { startCommerceSubgraph } from '@c360/subgraph-commerce';
import { startConsentSubgraph } from '@c360/subgraph-consent';
import { startCrmSubgraph } from '@c360/subgraph-crm';
import { startStoresSubgraph } from '@c360/subgraph-stores';
import { startSupportSubgraph } from '@c360/subgraph-support';
import { startSurveysSubgraph } from '@c360/subgraph-surveys';
import { startWebSubgraph } from '@c360/subgraph-web';
import { startIdentitySubgraph, type IdentitySubgraph } from '@c360/subgraph-identity';
import { startProfileSubgraph } from '@c360/subgraph-profile';
import { startPrivacySubgraph, type PrivacySubgraph } from '@c360/subgraph-privacy';
import { loadRules } from '@c360/subgraph-identity/rules';
import { configureSubgraphAuth, generateSecret } from '@c360/kit/auth';
import { createCache, RedisCache, type Cache } from '@c360/kit/cache';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { databasesOf, type EmbeddedConfig } from './config';
import { startBundledNeo4j, type BundledNeo4j } from './neo4j';
import { ensureDemoDatabases } from './services';
import { Supervisor } from './supervisor';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const DEFAULT_LOCAL_REDIS = 'redis://127.0.0.1:6379';

export interface Product {
  config: EmbeddedConfig;
  gateway: RunningGateway;
  identity: IdentitySubgraph;
  /** The source subgraphs by name (crm, commerce, stores, web, support, surveys, consent). */
  sources: Record<SourceName, RunningServer & { db: unknown }>;
  /** The golden record, KPIs, segments and contactability. */
  profile: RunningServer;
  /** Rights of the data subject: erasure jobs, access exports, the PII-read audit. */
  privacy: PrivacySubgraph;
  /** The bundled help-desk simulator; null when HELPDESK_URL points at a real help desk. */
  helpdesk: HelpdeskSimulator | null;
  driver: Driver;
  cache: Cache;
  neo4j: BundledNeo4j | null;
  /** What restarts the bundled Neo4j when it dies (`status()` tells its state and restarts). */
  supervisor: Supervisor;
  stop(): Promise<void>;
}

export const SOURCE_NAMES = ['crm', 'commerce', 'stores', 'web', 'support', 'surveys', 'consent'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface StartOptions {
  /** Where the seed writes its ground truth. @default .data/ground-truth.json */
  truthPath?: string;
  /** Poll the observation feeds after the first catch-up. @default true */
  pollFeeds?: boolean;
  /**
   * Follow the sources' observation feeds at all (catch up at start, then poll): false for the
   * workers of a cluster but its leader, so that the feeds are followed once per machine. @default true
   */
  followFeeds?: boolean;
}

/** How to start each source subgraph from the product's settings (shared by `npm start` and `startService`). */
export function sourceStarters(
  config: EmbeddedConfig,
  common: { host: string; logger: Logger; sourceTimeoutMs: number },
  cache: Cache,
  helpdeskUrl: string,
): Record<SourceName, () => Promise<RunningServer & { db: unknown }>> {
  return {
    crm: () => startCrmSubgraph({ ...common, databaseUrl: config.CRM_DATABASE_URL, port: config.CRM_PORT }),
    commerce: () =>
      startCommerceSubgraph({ ...common, databaseUrl: config.COMMERCE_DATABASE_URL, port: config.COMMERCE_PORT }),
    stores: () =>
      startStoresSubgraph({
        ...common,
        exportDir: path.resolve(REPO_ROOT, config.STORES_EXPORT_DIR),
        port: config.STORES_PORT,
      }),
    web: () => startWebSubgraph({ ...common, databaseUrl: config.WEB_DATABASE_URL, port: config.WEB_PORT }),
    support: () =>
      startSupportSubgraph({
        ...common,
        helpdeskUrl,
        apiToken: config.HELPDESK_API_TOKEN,
        cache,
        port: config.SUPPORT_PORT,
      }),
    surveys: () =>
      startSurveysSubgraph({ ...common, databaseUrl: config.SURVEYS_DATABASE_URL, port: config.SURVEYS_PORT }),
    consent: () =>
      startConsentSubgraph({
        ...common,
        databaseUrl: config.CONSENT_DATABASE_URL,
        defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
        port: config.CONSENT_PORT,
      }),
  };
}

/** The bundled help-desk simulator, serving the demo's help-desk data file (when HELPDESK_URL is unset). */
export function startDemoHelpdesk(config: EmbeddedConfig, logger: Logger): Promise<HelpdeskSimulator> {
  return startHelpdeskSimulator({
    host: config.HOST,
    port: config.HELPDESK_PORT,
    dataFile: path.resolve(REPO_ROOT, config.HELPDESK_DATA_PATH),
    token: config.HELPDESK_API_TOKEN,
    rateLimitPerMinute: config.HELPDESK_RATE_LIMIT_PER_MINUTE,
    logger,
  });
}

/**
 * A bad production config fails before anything starts, listing every problem (the CLI exits 2).
 * (Without SUBGRAPH_SHARED_SECRET the all-in-one signs with a per-process secret.)
 */
export function checkProductSettings(config: EmbeddedConfig): void {
  const problems = gatewaySettingsProblems(config, config.SUBGRAPH_SHARED_SECRET?.[0] ?? 'per-process');
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Creates the databases that are missing and, with SEED_DEMO, seeds the demo sources when they are empty. */
export async function prepareDatabases(config: EmbeddedConfig, logger: Logger, truthPath?: string): Promise<void> {
  await ensureDemoDatabases(databasesOf(config), logger);
  if (!config.SEED_DEMO) return;
  const targets = openSeedTargets(config, REPO_ROOT);
  try {
    await seedDemo({
      ...targets,
      people: config.DEMO_PEOPLE,
      truthPath,
      locations: { ...config, root: REPO_ROOT },
      defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
      log: (message) => logger.info(message),
    });
  } finally {
    await targets.close();
  }
}

/**
 * Connects to NEO4J_URI when given, else to the bundled Neo4j (started if needed). With a
 * supervisor, the bundled JVM is restarted (with back-off, logged) when it dies; the driver
 * reconnects to it on its own.
 */
export async function connectNeo4j(
  config: EmbeddedConfig,
  logger: Logger,
  supervisor?: Supervisor,
): Promise<{ driver: Driver; bundled: BundledNeo4j | null }> {
  let bundled: BundledNeo4j | null = null;
  let uri = config.NEO4J_URI;
  if (!uri) {
    const start = () =>
      startBundledNeo4j({
        port: config.NEO4J_BOLT_PORT,
        dataDir: path.resolve(REPO_ROOT, config.NEO4J_DATA_DIR),
        logger,
      });
    if (supervisor) {
      // What the product exposes follows the JVM the supervisor runs now (its pid changes at each restart).
      let current = await supervisor.add({ name: 'neo4j', start, restarted: (unit) => (current = unit) });
      bundled = {
        uri: current.uri,
        started: current.started,
        get pid() {
          return current.pid;
        },
        get exited() {
          return current.exited;
        },
        onExit: (listener) => current.onExit(listener),
        restart: () => current.restart(),
        stop: () => supervisor.stop(),
      };
    } else bundled = await start();
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
  checkProductSettings(config);
  try {
    await prepareDatabases(config, logger, options.truthPath);

    const supervisor = new Supervisor({ logger });
    const { driver, bundled } = await connectNeo4j(config, logger, supervisor);
    cleanups.push([
      'neo4j',
      async () => {
        await driver.close();
        await supervisor.stop();
      },
    ]);
    const cache = await createCache({ redis: config, fallbackUrl: DEFAULT_LOCAL_REDIS }, logger);
    cleanups.push(['cache', () => cache.close()]);

    // Subgraphs trust the caller headers the gateway signs with this secret (per process when unset).
    const subgraphSecrets = config.SUBGRAPH_SHARED_SECRET ?? [generateSecret()];
    configureSubgraphAuth({ mode: config.C360_MODE, secrets: subgraphSecrets });
    const gatewayRef: { current: RunningGateway | null } = { current: null };
    const common = { host: config.HOST, logger, sourceTimeoutMs: config.SOURCE_TIMEOUT_MS };
    let helpdesk: HelpdeskSimulator | null = null;
    let helpdeskUrl = config.HELPDESK_URL;
    if (!helpdeskUrl) {
      helpdesk = await startDemoHelpdesk(config, logger);
      helpdeskUrl = helpdesk.url;
      cleanups.push(['help-desk simulator', () => helpdesk!.stop()]);
    }
    const starters = sourceStarters(config, common, cache, helpdeskUrl);
    const sources = {} as Record<SourceName, RunningServer & { db: unknown }>;
    for (const name of SOURCE_NAMES) {
      const server = await starters[name]();
      sources[name] = server;
      cleanups.push([name, () => server.stop()]);
    }
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
      feeds: SOURCE_NAMES.map((name) => ({ name, url: feedUrl(sources[name]) })),
      feedWorkers: config.IDENTITY_FEED_WORKERS,
      // Merges, splits and new records change what the gateway cached of a customer.
      onCustomersChanged: (ids) => gatewayRef.current?.invalidate(ids),
    });
    cleanups.push(['identity', () => identity.stop()]);
    const rulesPath = config.IDENTITY_RULES_PATH;
    if (rulesPath) {
      // Matching thresholds, weights and guards change without a restart: on a change of the rules
      // file, or SIGHUP. An invalid file is logged and the settings in force stay.
      const reloader = watchForReload({
        paths: [rulesPath],
        logger,
        reload: () => {
          try {
            identity.graph.configureMatching(loadRules(rulesPath).matching);
            logger.info({ path: rulesPath }, 'identity matching settings reloaded');
          } catch (err) {
            logger.warn({ err: (err as Error).message }, 'identity rules not reloaded; the previous settings stay');
          }
        },
      });
      cleanups.push(['identity rules watcher', () => reloader.close()]);
    }

    if (options.followFeeds ?? true) {
      const started = Date.now();
      const results = await identity.feed.runOnce((progress) =>
        logger.info(`identity feed: ${progress.source} ${progress.records} records ingested`),
      );
      logger.info({ results, seconds: (Date.now() - started) / 1000 }, 'identity graph caught up with the sources');
      if (options.pollFeeds ?? true) identity.feed.start(config.FEED_POLL_INTERVAL_MS);
    }

    const profile = await startProfileSubgraph({
      databaseUrl: config.PROFILE_DATABASE_URL,
      sourceTimeoutMs: config.SOURCE_TIMEOUT_MS,
      defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
      reportingCurrency: config.KPI_REPORTING_CURRENCY,
      exchangeRates: config.KPI_EXCHANGE_RATES,
      // A new rule or segment changes every golden record and membership the gateway cached.
      onDefinitionsChanged: () => gatewayRef.current?.invalidateSubgraph('profile', 'definitions-changed'),
      // Segment sizes, members and audiences read the identity and source subgraphs in bulk.
      audience: {
        identityUrl: identity.server.url,
        sourceUrls: Object.fromEntries(SOURCE_NAMES.map((name) => [name, sources[name].url])),
        secret: subgraphSecrets[0],
      },
      logger,
      host: config.HOST,
      port: config.PROFILE_PORT,
    });
    cleanups.push(['profile', () => profile.stop()]);

    // Erasure reaches the identity graph, every source and the gateway's cache; exports go through the gateway.
    const baseOf = (server: RunningServer) => server.url.replace(/\/graphql$/, '');
    const privacy = await startPrivacySubgraph({
      databaseUrl: config.PRIVACY_DATABASE_URL,
      identityUrl: baseOf(identity.server),
      sourceUrls: Object.fromEntries(SOURCE_NAMES.map((name) => [name, baseOf(sources[name])])),
      gatewayUrl: () => (gatewayRef.current ? baseOf(gatewayRef.current) : null),
      retryBaseMs: config.PRIVACY_RETRY_BASE_MS,
      retryMaxMs: config.PRIVACY_RETRY_MAX_MS,
      sourceTimeoutMs: config.SOURCE_TIMEOUT_MS,
      logger,
      host: config.HOST,
      port: config.PRIVACY_PORT,
    });
    cleanups.push(['privacy', () => privacy.stop()]);

    const gateway = await startGateway({
      config,
      logger,
      subgraphSecret: subgraphSecrets[0],
      redis: cache instanceof RedisCache ? cache.redis : null,
      // All-in-one: the subgraphs of this process are called in process, not over HTTP.
      inProcess: config.GATEWAY_IN_PROCESS,
      subgraphUrls: {
        identity: identity.server.url,
        profile: profile.url,
        privacy: privacy.url,
        ...Object.fromEntries(SOURCE_NAMES.map((name) => [name, sources[name].url])),
      },
    });
    gatewayRef.current = gateway;
    cleanups.push(['gateway', () => gateway.stop()]);

    return {
      config,
      gateway,
      identity,
      sources,
      profile,
      privacy,
      helpdesk,
      driver,
      cache,
      neo4j: bundled,
      supervisor,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
