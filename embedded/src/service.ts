/**
 * One service of the product on its own (the distributed topology: one
 * process per subgraph and one for the gateway, e.g. one Kubernetes
 * Deployment each). The settings are the embedded product's (config.ts);
 * a service finds the others by their URLs, `SUBGRAPH_URL_<NAME>` (base URL
 * + /graphql), and the gateway by `GATEWAY_URL`.
 */
import path from 'node:path';
import { startGateway } from '@c360/gateway/server';
import { loadRules } from '@c360/subgraph-identity/rules';
import { startIdentitySubgraph } from '@c360/subgraph-identity';
import { startPrivacySubgraph } from '@c360/subgraph-privacy';
import { startProfileSubgraph } from '@c360/subgraph-profile';
import { configureSubgraphAuth, generateSecret, signCaller, SCOPES } from '@c360/kit/auth';
import { createCache } from '@c360/kit/cache';
import { ConfigError } from '@c360/kit/config';
import type { Logger } from '@c360/kit/logger';
import type { EmbeddedConfig } from './config';
import { connectNeo4j, DEFAULT_LOCAL_REDIS, SOURCE_NAMES, sourceStarters, type SourceName } from './product';

export const SERVICE_NAMES = ['gateway', 'identity', ...SOURCE_NAMES, 'profile', 'privacy'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface RunningService {
  name: ServiceName;
  /** The GraphQL endpoint it serves. */
  url: string;
  stop(): Promise<void>;
}

export function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

const baseOf = (url: string) => url.replace(/\/graphql$/, '');

/**
 * Starts one service by name with its own connections (database, Redis, Neo4j for identity).
 * The gateway calls every subgraph over HTTP (undici keep-alive pools).
 */
export async function startService(name: ServiceName, config: EmbeddedConfig, logger: Logger): Promise<RunningService> {
  const urlOf = (service: string): string => {
    const url = config.subgraphUrls[service];
    if (!url) throw new ConfigError([`SUBGRAPH_URL_${service.toUpperCase()}: required to start ${name}`]);
    return url;
  };
  const secrets = config.SUBGRAPH_SHARED_SECRET;
  if (config.C360_MODE === 'production' && !secrets?.length) {
    throw new ConfigError(['SUBGRAPH_SHARED_SECRET: required in production (the same value for every service)']);
  }
  configureSubgraphAuth({ mode: config.C360_MODE, secrets: secrets ?? [] });
  const common = { host: config.HOST, logger, sourceTimeoutMs: config.SOURCE_TIMEOUT_MS };
  // A subgraph tells the gateway what changed through its admin route, signed as the subgraphs' own caller.
  const tellGateway = async (body: object) => {
    if (!config.GATEWAY_URL || !secrets?.length) return;
    try {
      await fetch(new URL('/admin/cache/invalidate', config.GATEWAY_URL), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signCaller({ client: `c360-${name}`, scopes: [SCOPES.admin] }, secrets[0]!),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'the gateway could not be told to invalidate its cache');
    }
  };

  if (name === 'gateway') {
    const gateway = await startGateway({ config, logger, subgraphSecret: secrets?.[0] ?? generateSecret() });
    return { name, url: gateway.url, stop: () => gateway.stop() };
  }
  if ((SOURCE_NAMES as readonly string[]).includes(name)) {
    const cache = await createCache({ url: config.REDIS_URL, fallbackUrl: DEFAULT_LOCAL_REDIS }, logger);
    if (name === 'support' && !config.HELPDESK_URL) throw new ConfigError(['HELPDESK_URL: required to start support']);
    try {
      const server = await sourceStarters(config, common, cache, config.HELPDESK_URL ?? '')[name as SourceName]();
      return {
        name,
        url: server.url,
        stop: async () => {
          await server.stop();
          await cache.close();
        },
      };
    } catch (err) {
      await cache.close();
      throw err;
    }
  }
  if (name === 'identity') {
    const cache = await createCache({ url: config.REDIS_URL, fallbackUrl: DEFAULT_LOCAL_REDIS }, logger);
    const { driver } = await connectNeo4j({ ...config, NEO4J_URI: config.NEO4J_URI }, logger);
    const identity = await startIdentitySubgraph({
      driver,
      database: config.NEO4J_DATABASE,
      cache,
      logger,
      host: config.HOST,
      port: config.IDENTITY_PORT,
      normalize: { defaultRegion: config.DEFAULT_PHONE_REGION },
      rules: loadRules(config.IDENTITY_RULES_PATH),
      feeds: SOURCE_NAMES.filter((source) => config.subgraphUrls[source]).map((source) => ({
        name: source,
        url: `${baseOf(urlOf(source))}/observations`,
      })),
      onCustomersChanged: (customers) => tellGateway({ customers }),
    });
    identity.feed.start(config.FEED_POLL_INTERVAL_MS);
    return {
      name,
      url: identity.server.url,
      stop: async () => {
        await identity.stop();
        await driver.close();
        await cache.close();
      },
    };
  }
  if (name === 'profile') {
    const profile = await startProfileSubgraph({
      databaseUrl: config.PROFILE_DATABASE_URL,
      sourceTimeoutMs: config.SOURCE_TIMEOUT_MS,
      defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
      reportingCurrency: config.KPI_REPORTING_CURRENCY,
      exchangeRates: config.KPI_EXCHANGE_RATES,
      onDefinitionsChanged: () => void tellGateway({ subgraphs: ['profile'] }),
      // Segment sizes, members and audiences read the identity and source subgraphs in bulk.
      // Without the identity subgraph's URL they answer SERVICE_UNAVAILABLE; a source without one, SOURCE_UNAVAILABLE.
      audience: config.subgraphUrls.identity
        ? {
            identityUrl: config.subgraphUrls.identity,
            sourceUrls: Object.fromEntries(
              SOURCE_NAMES.filter((source) => config.subgraphUrls[source]).map((source) => [
                source,
                config.subgraphUrls[source]!,
              ]),
            ),
            secret: secrets?.[0],
          }
        : undefined,
      logger,
      host: config.HOST,
      port: config.PROFILE_PORT,
    });
    return { name, url: profile.url, stop: () => profile.stop() };
  }
  const privacy = await startPrivacySubgraph({
    databaseUrl: config.PRIVACY_DATABASE_URL,
    identityUrl: baseOf(urlOf('identity')),
    sourceUrls: Object.fromEntries(SOURCE_NAMES.map((source) => [source, baseOf(urlOf(source))])),
    gatewayUrl: () => config.GATEWAY_URL ?? null,
    retryBaseMs: config.PRIVACY_RETRY_BASE_MS,
    retryMaxMs: config.PRIVACY_RETRY_MAX_MS,
    sourceTimeoutMs: config.SOURCE_TIMEOUT_MS,
    logger,
    host: config.HOST,
    port: config.PRIVACY_PORT,
  });
  return { name, url: privacy.url, stop: () => privacy.stop() };
}

/**
 * How to start one service as its own process: from the sources, `service-cli.ts <name>`; from
 * the build (one bundled file, `node dist/c360.js`), the running CLI with `start --only <name>`.
 */
export function serviceCommand(name: ServiceName): { script: string; args: string[] } {
  if (path.extname(__filename) === '.ts') return { script: path.join(__dirname, 'service-cli.ts'), args: [name] };
  return { script: process.argv[1]!, args: ['start', '--only', name] };
}
