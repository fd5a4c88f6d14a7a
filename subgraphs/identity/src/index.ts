import type express from 'express';
import type { Driver } from 'neo4j-driver';
import type { SubgraphAuthOptions } from '@c360/kit/auth';
import type { Cache } from '@c360/kit/cache';
import type { Logger } from '@c360/kit/logger';
import { startSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import path from 'node:path';
import { createContext } from './context';
import { adminRoute, BadAdminRequest } from '@c360/kit/admin';
import { subgraphAuthDefaults } from '@c360/kit/auth';
import { IdentityErasure } from './erasure';
import type { Registry } from 'prom-client';
import { FeedConsumer, type FeedSource } from './feed';
import { IdentityGraph } from './graph';
import { migrate } from './migrations';
import { guardDriver, Neo4jGuard, type Neo4jGuardOptions } from './neo4j-guard';
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
  /** Feed pages ingested at once. @default DEFAULT_FEED_WORKERS (2) */
  feedWorkers?: number;
  /** Registry for the write path's counters (transactions, retries by error code). @default none */
  metrics?: Registry;
  /** Linking rules and guards. @default DEFAULT_RULES */
  rules?: ResolutionRules;
  /** Told which customers each write changed, to invalidate caches elsewhere (the gateway's). */
  onCustomersChanged?: (customerIds: string[]) => Promise<unknown> | unknown;
  /** How callers are verified. @default the process-wide settings of `configureSubgraphAuth` */
  auth?: SubgraphAuthOptions;
  /** The Neo4j connectivity breaker's timings (see neo4j-guard.ts). @default Neo4jGuard's */
  neo4jGuard?: Omit<Neo4jGuardOptions, 'logger'>;
}

export interface IdentitySubgraph {
  server: RunningServer;
  graph: IdentityGraph;
  feed: FeedConsumer;
  erasure: IdentityErasure;
  /** Whether Neo4j answers, as the subgraph last found it: calls fail fast while it does not. */
  neo4j: Neo4jGuard;
  stop(): Promise<void>;
}

/** Starts the identity subgraph: migrates the graph schema, then serves the Customer owner. */
export async function startIdentitySubgraph(options: IdentitySubgraphOptions): Promise<IdentitySubgraph> {
  const logger = options.logger.child({ subgraph: 'identity' });
  const applied = await migrate(options.driver, options.database);
  if (applied.length > 0) logger.info({ applied }, 'identity graph migrations applied');
  // Every Neo4j call of the subgraph goes through the guard: while Neo4j is down, they fail at once.
  const guard = new Neo4jGuard(options.driver, { ...options.neo4jGuard, logger });
  const driver = guardDriver(options.driver, guard);
  const graph = new IdentityGraph(driver, options.cache, logger, {
    database: options.database,
    rules: options.rules,
    onCustomersChanged: options.onCustomersChanged,
    metrics: options.metrics,
  });
  const warmUp = Date.now();
  await graph.warmUp();
  logger.info({ ms: Date.now() - warmUp }, 'identity queries planned');
  const normalize = options.normalize ?? {};
  const erasure = new IdentityErasure(driver, {
    database: options.database,
    cache: options.cache,
    logger,
    onCustomersChanged: options.onCustomersChanged,
  });
  const auth = () => options.auth ?? subgraphAuthDefaults();
  const feed = new FeedConsumer(graph, options.feeds ?? [], logger, {
    normalize,
    pageSize: options.feedPageSize,
    workers: options.feedWorkers,
    // The sources' feeds trust the same signed caller headers as their /graphql.
    secret: () => auth().secrets?.[0],
  });
  const server = await startSubgraph({
    name: 'identity',
    schemaPath: SCHEMA_PATH,
    resolvers,
    context: (_req, caller) => createContext(graph, normalize, caller),
    auth: options.auth,
    health: () => graph.ping(),
    routes: (app) => erasureRoutes(app, erasure, auth),
    host: options.host,
    port: options.port,
    logger,
  });
  return {
    server,
    graph,
    feed,
    erasure,
    neo4j: guard,
    async stop() {
      await feed.stop();
      await server.stop();
      guard.stop();
    },
  };
}

const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The privacy subgraph's calls for an erasure (admin scope):
 * `POST /admin/erasure/plan {"customerId"}` answers what would go
 * (`{"plan": null}` for an unknown customer), and
 * `POST /admin/erasure/erase {"erasureId", "customerIds", "records"}` erases it.
 */
function erasureRoutes(app: express.Express, erasure: IdentityErasure, auth: () => SubgraphAuthOptions) {
  const options = { source: 'identity', auth };
  adminRoute(app, '/admin/erasure/plan', options, async (body) => {
    const customerId = (body as { customerId?: unknown } | null)?.customerId;
    if (typeof customerId !== 'string' || !CUSTOMER_ID.test(customerId)) {
      throw new BadAdminRequest(`customerId: expected a customer id, received ${JSON.stringify(customerId)}`);
    }
    return { plan: await erasure.plan(customerId) };
  });
  adminRoute(app, '/admin/erasure/erase', options, async (body) => {
    const input = (body ?? {}) as { erasureId?: unknown; customerIds?: unknown; records?: unknown };
    const strings = (v: unknown): v is string[] =>
      Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
    const records = Array.isArray(input.records) ? (input.records as { system?: unknown; localId?: unknown }[]) : null;
    if (
      typeof input.erasureId !== 'string' ||
      !strings(input.customerIds) ||
      !records?.every((r) => typeof r?.system === 'string' && typeof r.localId === 'string')
    ) {
      throw new BadAdminRequest(
        'expected {"erasureId": string, "customerIds": [string], "records": [{"system": string, "localId": string}]}',
      );
    }
    return erasure.erase({
      erasureId: input.erasureId,
      customerIds: input.customerIds,
      records: records.map((r) => ({ system: r.system as string, localId: r.localId as string })),
    });
  });
}
