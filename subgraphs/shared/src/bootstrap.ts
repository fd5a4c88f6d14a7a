import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { parse, type FormattedExecutionResult } from 'graphql';
import { cachePolicyPlugins } from './cache-policy';
import { registerLocalSubgraph } from './local';
import type { Logger } from './logger';
import { listen, type RunningServer } from './http';
import { observationFeedRoute } from './feed';
import { eraseRoute } from './admin';
import {
  authenticateCaller,
  callerMiddleware,
  callerOf,
  hasScope,
  requireCaller,
  SCOPES,
  subgraphAuthDefaults,
  type Caller,
  type CallerContext,
  type SubgraphAuthOptions,
} from './auth';
import { guardPiiFields } from './pii';

export interface SubgraphOptions<TContext extends BaseContext> {
  /** Subgraph name as composed into the supergraph (e.g. `crm`). */
  name: string;
  /** Path of the subgraph's `schema.graphql`. */
  schemaPath: string;
  resolvers: unknown;
  /**
   * Builds the per-request context; loaders are created here, once per request.
   * `caller` is who the gateway vouches for (see auth.ts); it is also put on the
   * context as `caller` when the context does not set it, for `requireScope`.
   * `req` is null for an in-process call from the gateway of the same process (local.ts).
   */
  context: (req: express.Request | null, caller: Caller) => Promise<TContext> | TContext;
  /** Reports whether the subgraph's own dependencies answer; `/health` is 503 otherwise. */
  health: () => Promise<void>;
  /** Extra HTTP routes beside `/graphql` (e.g. the observation feed). */
  routes?: (app: express.Express) => void;
  host: string;
  /** @default 0 (a free port) */
  port?: number;
  logger: Logger;
  /** How long the gateway may reuse this subgraph's answers to queries, in seconds (Cache-Control max-age). @default 30 */
  cacheMaxAgeSeconds?: number;
  /** How callers are verified. @default the process-wide settings of `configureSubgraphAuth` (development, no secret) */
  auth?: SubgraphAuthOptions;
}

/**
 * The Cache-Control of a subgraph answer. Its one client is the gateway, whose
 * fetch cache keeps it for `max-age` seconds per scope set; a shared cache in
 * between must not (`s-maxage=0`), and answers vary on the signed caller
 * headers, so that no cache hands one caller's answer to a request that did
 * not carry the same signature. Never `public`: what a field shows depends on
 * the caller's scopes (PII). Errors and PRIVATE hints: `private, no-store`.
 */
function subgraphCacheHeaders(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, overallCachePolicy }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          const policy = overallCachePolicy.policyIfCacheable();
          const reusable = result !== null && !result.errors?.length && policy && policy.scope !== 'PRIVATE';
          response.http.headers.set(
            'cache-control',
            reusable ? `max-age=${policy.maxAge}, s-maxage=0` : 'private, no-store',
          );
          response.http.headers.set('vary', 'X-C360-Signature, X-C360-Scopes, X-C360-Client');
        },
      };
    },
  };
}

export function readSchema(schemaPath: string) {
  return parse(readFileSync(schemaPath, 'utf8'));
}

/**
 * Starts one subgraph: an Apollo subgraph schema on `/graphql` and `/health`.
 * Every subgraph goes through here so that they behave the same way.
 */
export async function startSubgraph<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
): Promise<RunningServer> {
  const { name, logger } = options;
  // Fields marked @pii answer null with FORBIDDEN to callers without pii:read, even reached directly.
  const schema = guardPiiFields<CallerContext>(
    buildSubgraphSchema({
      typeDefs: readSchema(options.schemaPath),
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    (context) => hasScope(context.caller, SCOPES.piiRead),
  );
  const server = new ApolloServer<TContext>({
    schema,
    // Subgraphs are reached by the gateway, not by people; the landing page belongs to the gateway.
    // No Apollo Studio here: inline tracing would only add weight to every response.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // Every answer says how long it may be reused (Cache-Control), which the gateway's fetch cache honours.
      // Computed once per operation where the schema has no hints (cache-policy.ts), not once per field.
      ...cachePolicyPlugins(schema, options.cacheMaxAgeSeconds ?? 30),
      subgraphCacheHeaders(),
    ],
    logger: logger.child({ subgraph: name }),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (it stops every part in order), not each server.
    stopOnTerminationSignals: false,
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  const auth = () => options.auth ?? subgraphAuthDefaults();
  // Readiness: the schema is served (the server has started) and the subgraph's own dependencies answer.
  const readiness =
    (details: boolean): express.RequestHandler =>
    async (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      try {
        await options.health();
        res.json(details ? { status: 'ok', subgraph: name } : { status: 'ok' });
      } catch (err) {
        res
          .status(503)
          .json(
            details
              ? { status: 'unavailable', subgraph: name, reason: (err as Error).message }
              : { status: 'unavailable' },
          );
      }
    };
  // /health names the subgraph and the failing dependency's reason: signed callers only (the gateway signs it).
  app.get('/health', requireCaller(auth), readiness(true));
  // /ready is for the orchestrator's probe, which signs nothing: its status code and {"status"}, nothing else.
  app.get('/ready', readiness(false));
  // Liveness: the process serves HTTP. Never checks dependencies, so that an orchestrator does not
  // restart a healthy subgraph because its database is down (readiness takes it out of rotation instead).
  app.get('/live', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  options.routes?.(app);
  const contextOf = async (req: express.Request | null, caller: Caller): Promise<TContext> => {
    const context = await options.context(req, caller);
    if (typeof context === 'object' && context !== null && !('caller' in context)) {
      Object.assign(context, { caller });
    }
    return context;
  };
  app.use(
    '/graphql',
    callerMiddleware(auth),
    express.json({ limit: '2mb' }),
    expressMiddleware(server, { context: ({ req, res }) => contextOf(req, callerOf(res)) }),
  );

  let unregister = () => {};
  let stopped = false;
  const running = await listen(name, app, options.host, options.port ?? 0, '/graphql', async () => {
    stopped = true;
    unregister();
    await server.stop();
  });
  // The same request, caller rule, context and server as the /graphql route, for the gateway of this process.
  unregister = registerLocalSubgraph(running.url, {
    name,
    async execute(request, headers) {
      // A stopped subgraph refuses in process as its port does over HTTP, so that both topologies say the same.
      if (stopped) {
        throw Object.assign(new Error(`subgraph ${name} is stopped`), {
          cause: Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }),
        });
      }
      const auth = authenticateCaller(headers, options.auth ?? subgraphAuthDefaults());
      if (!auth.ok) {
        return {
          status: 401,
          headers: new Map<string, string>(),
          body: { errors: [{ message: auth.message, extensions: { code: 'UNAUTHENTICATED' } }] },
        };
      }
      const response = await server.executeOperation(request, { contextValue: await contextOf(null, auth.caller) });
      const body: FormattedExecutionResult =
        response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
      return { status: response.http.status ?? 200, headers: response.http.headers, body };
    },
  });
  logger.info({ subgraph: name, url: running.url }, 'subgraph listening');
  return running;
}

/** What every source system client offers the shared plumbing. */
export interface SourceClient {
  ping(): Promise<void>;
  feed: Parameters<typeof observationFeedRoute>[1];
  /**
   * Erases (deletes or anonymises, as the source system allows) the records
   * with these local ids and everything the source holds of their person;
   * resolves to how many it held. Idempotent: unknown ids are nothing to do,
   * so a retried erasure is safe. Served on `POST /admin/erase` (admin scope);
   * `requestedBy` is the client that asked, for the source's own erasure log.
   */
  erase?(localIds: string[], requestedBy: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a source subgraph: its GraphQL API, `/health` answered by the
 * source itself, and its observation feed on `/observations` for the identity graph.
 */
export async function startSourceSubgraph<TDb extends SourceClient, TContext extends BaseContext>(
  options: Omit<SubgraphOptions<TContext>, 'context' | 'health' | 'routes'> & {
    db: TDb;
    context: (db: TDb, caller: Caller) => TContext;
  },
): Promise<RunningServer & { db: TDb }> {
  const { db } = options;
  const server = await startSubgraph({
    ...options,
    context: (_req, caller) => options.context(db, caller),
    health: () => db.ping(),
    routes: (app) => {
      observationFeedRoute(
        app,
        (after, limit) => db.feed(after, limit),
        () => options.auth ?? subgraphAuthDefaults(),
      );
      if (db.erase) {
        eraseRoute(
          app,
          options.name,
          () => options.auth ?? subgraphAuthDefaults(),
          (ids, by) => db.erase!(ids, by),
        );
      }
    },
  });
  return {
    ...server,
    db,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
