import type { Driver } from 'neo4j-driver';
import type { SubgraphAuthOptions } from '../../shared/src/auth';
import type { Cache } from '../../shared/src/cache';
import type { Logger } from '../../shared/src/logger';
import { startSubgraph } from '../../shared/src/bootstrap';
import type { RunningServer } from '../../shared/src/http';
import path from 'node:path';
import { createContext } from './context';
import { FeedConsumer, type FeedSource } from './feed';
import { IdentityGraph } from './graph';
import { migrate } from './migrations';
import type { NormalizeOptions } from './normalize';
import { resolvers } from './resolvers';
import type { ResolutionRules } from './rules';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface IdentitySubgraphOptions {
  driver: Driver;
  database?: string;
  cache: Cache;
  logger: Logger;
  host: string;
  port?: number;
  normalize?: NormalizeOptions;
  /** Observation feeds of the source subgraphs to consume. */
  feeds?: FeedSource[];
  feedPageSize?: number;
  /** Linking rules and guards. @default DEFAULT_RULES */
  rules?: ResolutionRules;
  /** Told which customers each write changed, to invalidate caches elsewhere (the gateway's). */
  onCustomersChanged?: (customerIds: string[]) => Promise<unknown> | unknown;
  /** How callers are verified. @default the process-wide settings of `configureSubgraphAuth` */
  auth?: SubgraphAuthOptions;
}

export interface IdentitySubgraph {
  server: RunningServer;
  graph: IdentityGraph;
  feed: FeedConsumer;
  stop(): Promise<void>;
}

/** Starts the identity subgraph: migrates the graph schema, then serves the Customer owner. */
export async function startIdentitySubgraph(options: IdentitySubgraphOptions): Promise<IdentitySubgraph> {
  const logger = options.logger.child({ subgraph: 'identity' });
  const applied = await migrate(options.driver, options.database);
  if (applied.length > 0) logger.info({ applied }, 'identity graph migrations applied');
  const graph = new IdentityGraph(options.driver, options.cache, logger, {
    database: options.database,
    rules: options.rules,
    onCustomersChanged: options.onCustomersChanged,
  });
  const warmUp = Date.now();
  await graph.warmUp();
  logger.info({ ms: Date.now() - warmUp }, 'identity queries planned');
  const normalize = options.normalize ?? {};
  const feed = new FeedConsumer(graph, options.feeds ?? [], logger, { normalize, pageSize: options.feedPageSize });
  const server = await startSubgraph({
    name: 'identity',
    schemaPath: SCHEMA_PATH,
    resolvers,
    context: (_req, caller) => createContext(graph, normalize, caller),
    auth: options.auth,
    health: () => graph.ping(),
    host: options.host,
    port: options.port,
    logger,
  });
  return {
    server,
    graph,
    feed,
    async stop() {
      await feed.stop();
      await server.stop();
    },
  };
}
