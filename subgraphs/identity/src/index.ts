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
  erasure: IdentityErasure;
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
  const erasure = new IdentityErasure(options.driver, {
    database: options.database,
    cache: options.cache,
    logger,
    onCustomersChanged: options.onCustomersChanged,
  });
  const feed = new FeedConsumer(graph, options.feeds ?? [], logger, { normalize, pageSize: options.feedPageSize });
  const server = await startSubgraph({
    name: 'identity',
    schemaPath: SCHEMA_PATH,
    resolvers,
    context: (_req, caller) => createContext(graph, normalize, caller),
    auth: options.auth,
    health: () => graph.ping(),
    routes: (app) => erasureRoutes(app, erasure, () => options.auth ?? subgraphAuthDefaults()),
    host: options.host,
    port: options.port,
    logger,
  });
  return {
    server,
    graph,
    feed,
    erasure,
    async stop() {
      await feed.stop();
      await server.stop();
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
