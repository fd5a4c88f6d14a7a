import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { generateSecret, hasScope, SCOPES, signCaller } from '@c360/kit/auth';
import { createCache, MemoryCache, RedisCache } from '@c360/kit/cache';
import { ConfigError } from '@c360/kit/config';
import { listen, type RunningServer } from '@c360/kit/http';
import { InvalidationBus, type Invalidation } from '@c360/kit/invalidation';
import { localSubgraphAt } from '@c360/kit/local';
import { redisTopology, type RedisClient, type RedisSettings } from '@c360/kit/redis';
import type { Logger } from '@c360/kit/logger';
import { Authenticator, type JwtOptions } from './auth/authenticate';
import { DEFAULT_CLIENTS_PATH, loadClients, manifestOf, type Clients } from './auth/clients';
import { serviceOrClientAuthentication } from './auth/middleware';
import { PiiReadSink } from './audit/pii-read-sink';
import { ApqCache } from './cache/apq-cache';
import { BatchedCache } from './cache/batched-cache';
import { customerTag, FetchCache, recordTag } from './cache/fetch-cache';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './datasource';
import { customerPageRoutes } from './customer-page';
import { createFormatError, useErrorRequestIds } from './errors';
import {
  DEFAULT_PERSISTED_DOCUMENTS_DIR,
  loadManifests,
  ManifestStore,
  MANIFEST_FILE,
  type Manifest,
} from './persisted/manifests';
import { corsMiddleware, CSRF_PREFLIGHT_HEADERS } from './plugins/useCors';
import { useGraphQLOverHttp } from './plugins/useGraphQLOverHttp';
import { landingPageGate, useIntrospectionGate } from './plugins/useIntrospectionGate';
import { useLimits } from './plugins/useLimits';
import { useLocalIntrospection } from './plugins/useLocalIntrospection';
import { useMetrics } from './plugins/useMetrics';
import { piiFieldsOf, usePiiGuard } from './plugins/usePiiGuard';
import { persistedOperationsMiddleware } from './plugins/usePersistedOperations';
import { ClientRateLimiter, rateLimitMiddleware } from './plugins/useRateLimit';
import { recordBodyErrors, requestLogMiddleware, useRequestLog } from './plugins/useRequestLog';
import { useResponseCache } from './plugins/useResponseCache';
import { cacheHeadersMiddleware, useCacheHeaders } from './plugins/useCacheHeaders';
import { useForbiddenStatus } from './plugins/useForbiddenStatus';
import { useInputLimits } from './plugins/useInputLimits';
import { watchForReload } from './reload';
import { recordOf, sendError, type GatewayContext } from './request';

export const DEFAULT_SUPERGRAPH_PATH = path.join(__dirname, '..', '..', 'graph-schema', 'supergraph.graphql');
const DEFAULT_LOCAL_REDIS = 'redis://127.0.0.1:6379';
export const DEFAULT_AUDIT_SPOOL_DIR = path.join(__dirname, '..', '..', '.data', 'audit-spool');

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  /** Routing URLs by subgraph name, overriding the supergraph's (e.g. ports picked at run time). */
  subgraphUrls?: Record<string, string>;
  /**
   * Redis for rate limits and automatic persisted queries, owned by the caller (the gateway does not close it);
   * `null` for none. @default a connection of the gateway's own to REDIS_URL (else local Redis when it answers, else memory)
   */
  redis?: RedisClient | null;
  /**
   * The secret that signs the caller headers sent to subgraphs, when the caller shares one with its subgraphs
   * (the embedded product). @default the first of SUBGRAPH_SHARED_SECRET; in development, a per-process secret
   */
  subgraphSecret?: string;
  /**
   * Call the subgraphs that run in this process in process (their Apollo Server's executeOperation,
   * see subgraphs/shared/src/local.ts) rather than over HTTP; the others stay over HTTP.
   * @default false
   */
  inProcess?: boolean;
}

export interface RunningGateway extends RunningServer {
  /** Subgraph name → routing URL actually used. */
  subgraphs: Record<string, string>;
  /** Re-reads the clients file and the persisted-documents manifests now (as SIGHUP and file changes do). */
  reload(): boolean;
  /**
   * Drops every cached fetch that holds one of these customers, and tells the other replicas; resolves to the
   * number of entries dropped.
   */
  invalidate(customerIds: string[]): Promise<number>;
  /** Drops every cached fetch of a subgraph (e.g. profile after a rule change), for every replica sharing Redis. */
  invalidateSubgraph(name: string, reason?: string): Promise<void>;
  /** The operator port's server (/ready, /health, /metrics) when OPERATOR_PORT is set. */
  operator: RunningServer | null;
}

interface AccessFiles {
  clients: Clients;
  manifests: Map<string, Manifest>;
}

/** Reads the clients file and the manifests, and checks that every persisted-only client has its manifest. */
function readAccessFiles(clientsPath: string, documentsDir: string, production: boolean): AccessFiles {
  const clients = loadClients(clientsPath);
  const manifests = loadManifests(documentsDir);
  const problems: string[] = [];
  if (production && clients.demo) {
    problems.push(
      `CLIENTS_PATH: ${clientsPath} is the demo clients file, whose keys are published; ` +
        'write your own clients file (keys from `npx c360 keys create`) and point CLIENTS_PATH at it',
    );
  }
  for (const client of clients.byName.values()) {
    if (client.persistedOnly && !manifests.has(manifestOf(client))) {
      problems.push(
        `client "${client.name}" is persistedOnly but has no manifest ${path.join(documentsDir, manifestOf(client), MANIFEST_FILE)} ` +
          '(run npm run codegen)',
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { clients, manifests };
}

function jwtOptions(config: GatewayConfig): { jwt?: JwtOptions; problems: string[] } {
  const problems: string[] = [];
  if (!config.JWT_SECRET && !config.JWT_JWKS_URL) return { problems };
  if (config.JWT_SECRET && config.JWT_JWKS_URL) problems.push('JWT_SECRET, JWT_JWKS_URL: set one of them, not both');
  if (!config.JWT_ISSUER) problems.push('JWT_ISSUER: required when JWTs are accepted (the expected "iss")');
  if (!config.JWT_AUDIENCE) problems.push('JWT_AUDIENCE: required when JWTs are accepted (the expected "aud")');
  if (problems.length > 0) return { problems };
  return {
    jwt: {
      secret: config.JWT_SECRET,
      jwksUrl: config.JWT_JWKS_URL,
      issuer: config.JWT_ISSUER!,
      audience: config.JWT_AUDIENCE!,
      unlistedClientScopes: config.JWT_UNLISTED_CLIENT_SCOPES,
    },
    problems,
  };
}

/**
 * Starts the gateway: the composed supergraph served by Apollo Server on
 * /graphql, plus /live (liveness), /ready and /health (readiness) and
 * /metrics (Prometheus).
 *
 * A request to /graphql goes through, in order: CORS (preflights answered
 * there); a request id and its log line; authentication (API key or JWT; anonymous only in development); the
 * Sandbox gate; the client's rate limit; the body size limit; trusted
 * documents (persisted-only clients run only their manifest's operations);
 * then Apollo Server, with APQ, CSRF prevention, operation limits, the
 * introspection gate, and errors masked in production. Subgraph requests
 * carry the client, its scopes and the request id, signed.
 */
/**
 * The gateway's settings that only make sense together (production secrets, JWT settings, the clients
 * file and its manifests), checked without starting anything: every problem, or none. The embedded
 * product calls it first, so that a bad production config fails before anything starts.
 */
export function gatewaySettingsProblems(config: GatewayConfig, subgraphSecret?: string): string[] {
  const { problems } = jwtOptions(config);
  if (!(subgraphSecret ?? config.SUBGRAPH_SHARED_SECRET?.[0]) && config.C360_MODE === 'production') {
    problems.push('SUBGRAPH_SHARED_SECRET: required in production, to sign the caller headers the subgraphs verify');
  }
  try {
    readAccessFiles(
      config.CLIENTS_PATH ?? DEFAULT_CLIENTS_PATH,
      config.PERSISTED_DOCUMENTS_DIR ?? DEFAULT_PERSISTED_DOCUMENTS_DIR,
      config.C360_MODE === 'production',
    );
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  return problems;
}

export async function startGateway({
  config,
  logger,
  subgraphUrls = {},
  redis: givenRedis,
  subgraphSecret,
  inProcess = false,
}: GatewayOptions): Promise<RunningGateway> {
  const development = config.C360_MODE === 'development';
  const log = logger.child({ component: 'gateway' });

  const { jwt, problems } = jwtOptions(config);
  const secret = subgraphSecret ?? config.SUBGRAPH_SHARED_SECRET?.[0];
  if (!secret && !development) {
    problems.push(
      'SUBGRAPH_SHARED_SECRET: required in production, to sign the caller headers the subgraphs verify ' +
        '(the same value for the gateway and every subgraph; e.g. `openssl rand -base64 32`)',
    );
  }
  const clientsPath = config.CLIENTS_PATH ?? DEFAULT_CLIENTS_PATH;
  const documentsDir = config.PERSISTED_DOCUMENTS_DIR ?? DEFAULT_PERSISTED_DOCUMENTS_DIR;
  // Every bad setting is reported at once: the secret, the JWT settings and the clients file together.
  let checked: AccessFiles | undefined;
  try {
    checked = readAccessFiles(clientsPath, documentsDir, !development);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0 || !checked) throw new ConfigError(problems);
  let access = checked;
  const signingSecret = secret ?? generateSecret();
  if (!secret) log.info('SUBGRAPH_SHARED_SECRET is unset: subgraph requests are signed with a per-process secret');

  const manifests = new ManifestStore(access.manifests);
  log.info(
    { clients: [...access.clients.byName.keys()], manifests: manifests.names(), clientsPath },
    'clients and trusted documents loaded',
  );
  const reload = (): boolean => {
    try {
      access = readAccessFiles(clientsPath, documentsDir, !development);
      manifests.replace(access.manifests);
      log.info(
        { clients: [...access.clients.byName.keys()], manifests: manifests.names() },
        'clients and manifests reloaded',
      );
      return true;
    } catch (err) {
      log.error({ err: (err as Error).message }, 'clients or manifests not reloaded: the previous ones stay in force');
      return false;
    }
  };

  let ownRedis: RedisCache | null = null;
  let redis: RedisClient | null;
  if (givenRedis !== undefined) redis = givenRedis;
  else {
    const cache = await createCache(
      { redis: config, fallbackUrl: DEFAULT_LOCAL_REDIS, prefix: config.GATEWAY_REDIS_PREFIX },
      log,
    );
    ownRedis = cache instanceof RedisCache ? cache : null;
    redis = ownRedis?.redis ?? null;
  }
  // The Redis the replicas share (the configured one, else the local one the cache found).
  const redisSettings: RedisSettings | null = redis
    ? redisTopology(config)
      ? config
      : { REDIS_URL: DEFAULT_LOCAL_REDIS }
    : null;
  // Invalidations from other processes (identity writers, profile, other gateway replicas); see invalidation.ts.
  const bus = new InvalidationBus(redis, log);

  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH, 'utf8');
  const subgraphs: Record<string, string> = {};
  let supergraphLoaded = false;
  const metrics = useMetrics();
  const limits = useLimits({
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST,
    maxDirectives: config.MAX_DIRECTIVES,
  });
  const authenticator = new Authenticator({ clients: () => access.clients, jwt, allowAnonymous: development });
  const limiter = new ClientRateLimiter({
    redis,
    keyPrefix: `${config.GATEWAY_REDIS_PREFIX}rl`,
    defaultLimit: { points: config.RATE_LIMIT_POINTS, durationSeconds: config.RATE_LIMIT_DURATION_SECONDS },
    logger: log,
    onDegraded: () => metrics.redisDegraded('rate_limit'),
  });
  const apqCache = new ApqCache({
    redis,
    prefix: config.GATEWAY_REDIS_PREFIX,
    defaultTtlSeconds: config.APQ_TTL_SECONDS,
    logger: log,
    onDegraded: () => metrics.redisDegraded('apq'),
  });

  // The fetch cache lives where the APQ store does; without Redis, in this process.
  // Batched: the lookups of one turn of the event loop are one MGET, the writes one pipeline, off the response path.
  const cacheStore: BatchedCache | null = !config.GATEWAY_CACHE
    ? null
    : new BatchedCache(
        redis ? (ownRedis ?? new RedisCache(redis, log, config.GATEWAY_REDIS_PREFIX)) : new MemoryCache(),
      );
  const fetchCache = cacheStore
    ? new FetchCache({
        cache: cacheStore,
        maxTtlSeconds: config.GATEWAY_CACHE_MAX_TTL_SECONDS,
        observer: metrics.fetchCache,
      })
    : undefined;
  const invalidate = async (tags: string[], reason: string): Promise<number> => {
    const entries = (await fetchCache?.invalidate(tags)) ?? 0;
    metrics.invalidated(reason, entries);
    return entries;
  };
  // Callers with the same scopes see the same data: they may share cached fetches and answers.
  const scopePartition = (context: Partial<GatewayContext>) => [...(context.principal?.scopes ?? [])].sort().join(' ');
  const invalidateSubgraph = async (name: string, reason: string): Promise<void> => {
    const generation = await fetchCache?.invalidateSubgraph(name);
    metrics.subgraphInvalidated(name, reason);
    // The other replicas switch to the same generation at once instead of within their generation TTL.
    if (generation) await bus.publish({ subgraphs: { [name]: generation } });
  };
  const onInvalidation = async (change: Invalidation): Promise<void> => {
    if (change.customers?.length) await invalidate(change.customers.map(customerTag), 'replica');
    for (const [name, generation] of Object.entries(change.subgraphs ?? {})) {
      await fetchCache?.invalidateSubgraph(name, generation);
      metrics.subgraphInvalidated(name, 'replica');
    }
  };
  if (redisSettings && fetchCache) await bus.listen(redisSettings, onInvalidation);

  // The caller headers of a request, signed once for all its subgraph fetches (a dozen on a customer page).
  const signedHeaders = new WeakMap<object, Record<string, string> | undefined>();
  const signedCallerOf = (context: Record<string, any>): Record<string, string> | undefined => {
    if (signedHeaders.has(context)) return signedHeaders.get(context);
    const { principal, requestId } = context as Partial<GatewayContext>;
    const headers = principal
      ? signCaller({ client: principal.client, scopes: principal.scopes, requestId }, signingSecret)
      : undefined;
    signedHeaders.set(context, headers);
    return headers;
  };
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => {
      const routed = subgraphUrls[name] ?? config.subgraphUrls[name] ?? url;
      if (!routed) throw new Error(`No routing URL for subgraph "${name}": set SUBGRAPH_URL_${name.toUpperCase()}`);
      subgraphs[name] = routed;
      return new SubgraphDataSource({
        name,
        url: routed,
        timeoutMs: config.subgraphTimeouts[name] ?? config.SUBGRAPH_TIMEOUT_MS,
        breaker: {
          failureThreshold: config.SUBGRAPH_BREAKER_FAILURES,
          cooldownMs: config.SUBGRAPH_BREAKER_COOLDOWN_MS,
        },
        logger: log,
        observer: metrics.subgraphs,
        fetchCache,
        local: inProcess ? localSubgraphAt(routed) : undefined,
        // Callers with different scopes may see different data: they never share an entry.
        partitionOf: (context) => scopePartition(context as Partial<GatewayContext>),
        callerHeaders: signedCallerOf,
      });
    },
  });
  gateway.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });

  const audit = logger.child({ component: 'audit' });
  // The PII-read audit's durable home is the privacy subgraph, when the supergraph has one.
  const piiReads = new PiiReadSink({
    url: () => (subgraphs.privacy ? new URL('/audit/pii-reads', subgraphs.privacy).href : null),
    secret: signingSecret,
    logger: audit,
    spoolDir: config.AUDIT_SPOOL_DIR ?? DEFAULT_AUDIT_SPOOL_DIR,
  });
  // Product services (the privacy subgraph) sign their calls with the secret the subgraphs share.
  const serviceSecrets = () => [signingSecret, ...(config.SUBGRAPH_SHARED_SECRET ?? [])];
  const authentication = serviceOrClientAuthentication(authenticator, serviceSecrets);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger: logger.child({ component: 'apollo' }),
    // Apollo's switch is for every client at once; useIntrospectionGate decides per client.
    introspection: true,
    includeStacktraceInErrorResponses: development,
    // A GET or simple POST must carry a header only sent after a CORS preflight: every authenticated request does.
    csrfPrevention: { requestHeaders: CSRF_PREFLIGHT_HEADERS },
    allowBatchedHttpRequests: false,
    persistedQueries: { cache: apqCache, ttl: config.APQ_TTL_SECONDS },
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    formatError: createFormatError({ mode: config.C360_MODE, logger: log }),
    // The process owns shutdown (it stops every part in order), not each server.
    stopOnTerminationSignals: false,
    plugins: [
      metrics,
      // formatError's masked errors name the request: it notes each error's request id.
      useErrorRequestIds<GatewayContext>(),
      usePiiGuard<GatewayContext>({
        piiFields: piiFieldsOf(supergraphSdl),
        canReadPii: (context) => hasScope(context.principal, SCOPES.piiRead),
        // The audit trail of personal data reads: who, which fields, which request.
        onPiiRead: (context, read) => {
          audit.info(
            { audit: 'pii_read', client: context.principal.client, requestId: context.requestId, ...read },
            'personal data read',
          );
          return piiReads.add({
            at: new Date().toISOString(),
            client: context.principal.client,
            requestId: context.requestId,
            ...read,
          });
        },
      }),
      ...limits.plugins,
      useInputLimits<GatewayContext>({ maxStringLength: config.MAX_STRING_LENGTH, maxIdLength: config.MAX_ID_LENGTH }),
      useForbiddenStatus<GatewayContext>(),
      // Answers depend on the caller: private or no-store, varying on the credentials; never public.
      ...useCacheHeaders<GatewayContext>(),
      useRequestLog(),
      useIntrospectionGate({ open: development }),
      useLocalIntrospection(),
      useGraphQLOverHttp(),
      ...(fetchCache && cacheStore && config.GATEWAY_RESPONSE_CACHE
        ? [
            useResponseCache<GatewayContext>({
              cache: cacheStore,
              fetchCache,
              subgraphs: () => Object.keys(subgraphs),
              partitionOf: scopePartition,
              observer: metrics.responseCache,
              admission: {
                keepOn: config.GATEWAY_CACHE_ADMISSION,
                windowSeconds: config.GATEWAY_CACHE_ADMISSION_WINDOW_SECONDS,
              },
            }),
          ]
        : []),
      // In production, landingPageGate lets only analysts reach it.
      ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await server.start();
  const readyUnknown =
    config.GATEWAY_READY_SUBGRAPHS === 'all'
      ? []
      : config.GATEWAY_READY_SUBGRAPHS.filter((name) => !(name in subgraphs));
  if (readyUnknown.length > 0) {
    await server.stop();
    await piiReads.stop();
    await bus.close();
    await ownRedis?.close();
    throw new ConfigError([
      `GATEWAY_READY_SUBGRAPHS: unknown subgraph ${readyUnknown.map((n) => JSON.stringify(n)).join(', ')}; ` +
        `expected all, none or names among ${Object.keys(subgraphs).join(', ')}`,
    ]);
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(cacheHeadersMiddleware());
  /** Ready when the supergraph is loaded and every subgraph's /health answers 200; the body names each subgraph's state. */
  const readinessOf =
    (details: boolean): express.RequestHandler =>
    async (_req, res) => {
      const checks = await Promise.all(
        Object.entries(subgraphs).map(async ([name, url]) => {
          try {
            // Subgraphs answer /health to signed callers only (production).
            const response = await fetch(new URL('/health', url), {
              headers: signCaller({ client: 'gateway-readiness', scopes: [] }, signingSecret),
              signal: AbortSignal.timeout(1000),
            });
            return { name, up: response.ok };
          } catch {
            return { name, up: false };
          }
        }),
      );
      // Which subgraphs readiness waits for (GATEWAY_READY_SUBGRAPHS): behind a load balancer, a gateway that
      // waits for every source is taken out with all its replicas when one source fails, where it would have
      // served every other field (a dead source is a null field plus an error, not an outage).
      const required = config.GATEWAY_READY_SUBGRAPHS;
      const needed = checks.filter((c) => required === 'all' || required.includes(c.name));
      const healthy = supergraphLoaded && checks.length > 0 && needed.every((c) => c.up);
      res.setHeader('Cache-Control', 'no-store');
      res.status(healthy ? 200 : 503).json(
        details
          ? {
              status: healthy ? 'ok' : 'unavailable',
              supergraphLoaded,
              subgraphs: Object.fromEntries(checks.map((c) => [c.name, c.up ? 'up' : 'down'])),
            }
          : { status: healthy ? 'ok' : 'unavailable' },
      );
    };
  // Operator routes name the operations and subgraphs: on a port of their own (OPERATOR_PORT, for the
  // network monitoring reaches) or, on the public port, for operators only (production).
  const operatorApp = config.OPERATOR_PORT !== undefined ? express() : null;
  operatorApp?.disable('x-powered-by');
  const ops = operatorApp ?? app;
  const operatorOnly: express.RequestHandler[] = operatorApp
    ? []
    : [
        requestLogMiddleware({ logger: log, onRefused: (code) => metrics.refused(code) }),
        authentication,
        (_req, res, next) => {
          const { principal } = recordOf(res);
          if (hasScope(principal, SCOPES.operator) || hasScope(principal, SCOPES.admin)) return next();
          sendError(
            res,
            403,
            'FORBIDDEN',
            `this route needs the ${SCOPES.operator} or ${SCOPES.admin} scope; client "${principal?.client}" holds: ${principal?.scopes.join(' ') || 'none'}`,
          );
        },
      ];
  // /ready on the public port is for load balancers and orchestrators, which send no credentials: its
  // status code and {"status"}, nothing else. /health (and /ready on the operator port) name each subgraph's state.
  app.get(
    '/ready',
    requestLogMiddleware({ logger: log, onRefused: (code) => metrics.refused(code) }),
    (req, res, next) => {
      // Details to operators (and in development); the bare status to a probe without credentials.
      if (development) return readinessOf(true)(req, res, next);
      const credentials = req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined;
      if (!credentials) return readinessOf(false)(req, res, next);
      return authentication(req, res, () => {
        const { principal } = recordOf(res);
        const operator = hasScope(principal, SCOPES.operator) || hasScope(principal, SCOPES.admin);
        return readinessOf(operator)(req, res, next);
      });
    },
  );
  operatorApp?.get('/ready', readinessOf(true));
  ops.get('/health', ...operatorOnly, readinessOf(true));
  // Liveness: the process is up and serving HTTP. Never checks dependencies, so that an orchestrator
  // does not restart healthy gateways because a subgraph is down.
  app.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  ops.get('/metrics', ...operatorOnly, async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    corsMiddleware(config.cors),
    requestLogMiddleware({ logger: log, onRefused: (code) => metrics.refused(code) }),
    authentication,
    landingPageGate({ open: development }),
    rateLimitMiddleware(limiter),
    express.json({ limit: config.MAX_BODY_BYTES }),
    recordBodyErrors,
    persistedOperationsMiddleware({ manifests }),
    expressMiddleware(server, {
      context: async ({ res }) => {
        const request = recordOf(res);
        return { principal: request.principal!, requestId: request.requestId, request };
      },
    }),
  );
  // For sources and operators: drop what the gateway cached about customers, source records or a
  // whole subgraph (`{"customers": ["…"], "records": [{"system": "crm", "localId": "…"}],
  // "subgraphs": ["profile"]}`). Needs the admin scope.
  app.post(
    '/admin/cache/invalidate',
    requestLogMiddleware({ logger: log, onRefused: (code) => metrics.refused(code) }),
    authentication,
    express.json({ limit: '256kb' }),
    async (req, res) => {
      const { principal } = recordOf(res);
      if (!hasScope(principal, SCOPES.admin)) {
        res.status(403).json({ error: { code: 'FORBIDDEN', message: 'invalidating the cache needs the admin scope' } });
        return;
      }
      const body = (req.body ?? {}) as { customers?: unknown; records?: unknown; subgraphs?: unknown };
      const customers = Array.isArray(body.customers) ? body.customers.filter((c) => typeof c === 'string') : [];
      const records = Array.isArray(body.records)
        ? (body.records as Array<{ system?: unknown; localId?: unknown }>).filter(
            (r) => typeof r?.system === 'string' && typeof r.localId === 'string',
          )
        : [];
      const names = Array.isArray(body.subgraphs) ? body.subgraphs.filter((n) => typeof n === 'string') : [];
      const unknown = names.filter((n) => !(n in subgraphs));
      if (unknown.length > 0) {
        res.status(400).json({
          error: {
            code: 'BAD_USER_INPUT',
            message: `unknown subgraph ${unknown.map((n) => JSON.stringify(n)).join(', ')}: expected one of ${Object.keys(subgraphs).join(', ')}`,
          },
        });
        return;
      }
      if (customers.length + records.length + names.length === 0) {
        res.status(400).json({
          error: {
            code: 'BAD_USER_INPUT',
            message:
              'expected {"customers": [ids]}, {"records": [{"system", "localId"}]} and/or {"subgraphs": [names]}',
          },
        });
        return;
      }
      for (const name of names) await invalidateSubgraph(name, 'admin');
      const tags = [
        ...customers.map((id) => customerTag(id as string)),
        ...records.map((r) => recordTag(r.system as string, r.localId as string)),
      ];
      res.json({ invalidatedEntries: await invalidate(tags, 'admin') });
    },
  );
  // The customer page at /app and the self-hosted explorer at /explorer (same gate as the Sandbox).
  app.use(
    customerPageRoutes({
      explorerGuards: [
        requestLogMiddleware({ logger: log, onRefused: (code) => metrics.refused(code) }),
        authentication,
        landingPageGate({ open: development }),
      ],
    }),
  );
  app.get('/', (_req, res) => res.redirect('/graphql'));

  const reloader = watchForReload({
    paths: [clientsPath, documentsDir],
    filter: (file) => file === clientsPath || file.endsWith(MANIFEST_FILE),
    reload,
    logger: log,
  });
  await reloader.ready;

  const operator = operatorApp
    ? await listen('gateway-operator', operatorApp, config.OPERATOR_HOST, config.OPERATOR_PORT!)
    : null;
  const running = await listen('gateway', app, config.HOST, config.PORT, '/graphql', async () => {
    await operator?.stop();
    await reloader.close();
    await server.stop();
    await piiReads.stop();
    await bus.close();
    await ownRedis?.close();
  });
  logger.info({ url: running.url, subgraphs, mode: config.C360_MODE }, 'gateway listening');
  return {
    ...running,
    subgraphs,
    reload,
    invalidate: async (customerIds) => {
      const entries = await invalidate(customerIds.map(customerTag), 'identity');
      // The other replicas (the workers of `c360 start`, a fleet) drop what they had queued to write of them.
      await bus.publish({ customers: customerIds });
      return entries;
    },
    invalidateSubgraph: (name, reason = 'api') => invalidateSubgraph(name, reason),
    operator,
  };
}
