import { z } from 'zod';
import { ConfigError, parseEnv, port, urlWith } from '@c360/kit/config';
import { redisEnv, redisProblems } from '@c360/kit/redis';
import { DEFAULT_GATEWAY_REDIS_PREFIX } from '@c360/kit/invalidation';
import { originProblems, type CorsOptions } from './plugins/useCors';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** A list of secrets separated by commas (the first is current, the others are accepted during a rotation). */
const secrets = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((s) => s.length >= 32), {
    message: 'expected one or more secrets of at least 32 characters, separated by commas',
  })
  .optional();

/** Gateway settings, from the environment. Nothing else in the gateway reads process.env. */
export const gatewayEnv = {
  /** development: anonymous local use, Sandbox; production: locked down. */
  C360_MODE: z.enum(['development', 'production']).default('development'),
  /** Interface every server listens on (0.0.0.0 in a container). */
  HOST: z.string().default('127.0.0.1'),
  /** Port of the gateway (GraphQL, Sandbox, /health, /ready, /metrics). */
  PORT: port(4000),
  /**
   * A port of its own for the operator routes (/ready, /health, /metrics), open to whoever reaches it: bind it
   * to a network only monitoring reaches. Unset: they are on PORT and, in production, need a client with the
   * `operator` (or `admin`) scope.
   */
  OPERATOR_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface of OPERATOR_PORT. */
  OPERATOR_HOST: z.string().default('127.0.0.1'),
  /** Log level of the JSON logs (pino): fatal … trace, or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long a stopping process lets in-flight requests finish before it cuts their connections, in ms. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(10_000),
  /** Composed supergraph SDL to serve; the checked-in one by default. */
  SUPERGRAPH_PATH: z.string().optional(),
  /**
   * The subgraphs whose /health the gateway's /ready waits for: `all`, or names separated by commas (e.g.
   * `identity`, the owner of Customer, in a fleet whose load balancer must keep gateways that can still answer
   * partly), or `none` (the supergraph loaded is enough). /ready names every subgraph's state either way.
   */
  GATEWAY_READY_SUBGRAPHS: z
    .string()
    .default('all')
    .transform((value): 'all' | string[] =>
      value.trim() === 'all'
        ? 'all'
        : value.trim() === 'none'
          ? []
          : value
              .split(',')
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean),
    ),
  /** Budget of one subgraph fetch in milliseconds. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Consecutive failed fetches (timeout, refused, 5xx) that open a subgraph's circuit breaker. */
  SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().positive().default(5),
  /** How long an open breaker fails fast before it lets one trial fetch through, in milliseconds. */
  SUBGRAPH_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(10_000),

  // Clients and access (gateway/src/auth).
  /** JSON file of the clients, their scopes, limits and hashed API keys; the demo file by default (refused in production). */
  CLIENTS_PATH: z.string().optional(),
  /** HS256 secret of the JWTs the gateway accepts (Authorization: Bearer). */
  JWT_SECRET: z.string().min(32, 'expected a secret of at least 32 characters').optional(),
  /** JWKS URL of the identity provider whose JWTs the gateway accepts (RS256, ES256 …). */
  JWT_JWKS_URL: urlWith(['https', 'http']).optional(),
  /** Expected `iss` of JWTs; required when JWT_SECRET or JWT_JWKS_URL is set. */
  JWT_ISSUER: z.string().optional(),
  /** Expected `aud` of JWTs; required when JWT_SECRET or JWT_JWKS_URL is set. */
  JWT_AUDIENCE: z.string().optional(),
  /**
   * Scopes a JWT may grant a client absent from the clients file: `*` trusts every scope the identity provider
   * put in the token; a list (comma or space separated) keeps only those; `none` refuses tokens of unlisted
   * clients. Listed clients never hold more than their scopes in the clients file.
   */
  JWT_UNLISTED_CLIENT_SCOPES: z
    .string()
    .default('*')
    .transform((v): readonly string[] | '*' =>
      v.trim() === '*' ? '*' : v.trim() === 'none' ? [] : v.split(/[\s,]+/).filter(Boolean),
    ),
  /** Secret(s) signing the caller headers sent to subgraphs. Required in production; generated per process in development. */
  SUBGRAPH_SHARED_SECRET: secrets,

  /**
   * Folder of the PII-read audit spool on local disk: every record is written there (fdatasync) before the
   * answer leaves, then delivered to the privacy subgraph's PostgreSQL; on a persistent volume in containers.
   * Default: .data/audit-spool in the install folder.
   */
  AUDIT_SPOOL_DIR: z.string().optional(),

  // Persisted queries.
  /**
   * Redis shared by the replicas (rate limits, persisted queries, caches, invalidations): REDIS_URL for one
   * server, REDIS_CLUSTER_NODES for a Cluster, REDIS_SENTINELS (+ REDIS_SENTINEL_NAME) for Sentinel.
   * None set: Redis on 127.0.0.1:6379 when it answers, else memory (one replica only).
   */
  ...redisEnv,
  /** Prefix of every key the gateway writes to Redis. */
  GATEWAY_REDIS_PREFIX: z.string().default(DEFAULT_GATEWAY_REDIS_PREFIX),
  /** How long an automatic persisted query stays registered, in seconds. */
  APQ_TTL_SECONDS: positive(86_400),
  /** The gateway's cache of subgraph fetches (Redis, else in-process): `false` serves every query live. */
  GATEWAY_CACHE: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default('true'),
  /**
   * Whole answers to queries kept too, in front of planning and execution (only with GATEWAY_CACHE; each
   * answer for as long as the fetches it was built from, dropped with them).
   */
  GATEWAY_RESPONSE_CACHE: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default('true'),
  /**
   * When an answer is first kept by the response cache, with the fetches it was built from: on its `second`
   * miss within GATEWAY_CACHE_ADMISSION_WINDOW_SECONDS (pages asked for once, as most of a call centre's
   * are, cost nothing to cache), or on its `first` miss (every answer kept; each first view pays the writes).
   * Only with GATEWAY_RESPONSE_CACHE: without it every fetch is kept on its first miss.
   */
  GATEWAY_CACHE_ADMISSION: z.enum(['first', 'second']).default('second'),
  /** How long a first miss is remembered for GATEWAY_CACHE_ADMISSION=second, in seconds. */
  GATEWAY_CACHE_ADMISSION_WINDOW_SECONDS: positive(900),
  /** Longest any fetch stays cached, whatever the subgraphs' Cache-Control allows, in seconds. */
  GATEWAY_CACHE_MAX_TTL_SECONDS: positive(300),
  /** Folder of the client apps whose `<app>/__generated__/persisted-documents.json` manifests are loaded. */
  PERSISTED_DOCUMENTS_DIR: z.string().optional(),

  // Browser apps (gateway/src/plugins/useCors.ts, docs/front-end.md).
  /**
   * Origins whose browser apps may call the gateway, separated by commas: exact (`https://app.example.com`),
   * any subdomain (`https://*.example.com`) or `*`. Unset: any origin in development, none in production;
   * empty: none.
   */
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .optional(),
  /** Whether cross-origin calls may carry cookies (Access-Control-Allow-Credentials); never with `*`. */
  CORS_CREDENTIALS: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default('false'),
  /** How long browsers may cache a preflight's answer, in seconds (Access-Control-Max-Age). */
  CORS_MAX_AGE_SECONDS: z.coerce.number().int().nonnegative().default(600),

  // Limits.
  /** Requests per window of a client without a limit of its own in the clients file. */
  RATE_LIMIT_POINTS: positive(600),
  /** The rate limit window, in seconds. */
  RATE_LIMIT_DURATION_SECONDS: positive(60),
  /** Largest request body, in bytes. */
  MAX_BODY_BYTES: positive(1_048_576),
  /** Deepest selection an operation may make (fragments flattened). */
  MAX_DEPTH: positive(10),
  /** Most aliases in one operation. */
  MAX_ALIASES: positive(15),
  /** Most tokens in one document. */
  MAX_TOKENS: positive(1000),
  /**
   * Highest cost of one operation (GraphQL Armor's cost model: objects 2, scalars 1, ×1.5 per level).
   * The whole customer-360 page costs about 13 500: the default leaves room for it and refuses a dozen of it aliased.
   */
  MAX_COST: positive(50_000),
  /** Most directives in one operation. */
  MAX_DIRECTIVES: positive(50),
  /** Longest string input (argument or variable), in characters: longer ones are refused with BAD_USER_INPUT. */
  MAX_STRING_LENGTH: positive(4096),
  /** Longest ID input, in characters. */
  MAX_ID_LENGTH: positive(256),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(gatewayEnv, env);
  const config = { ...parsed, ...subgraphOverridesFrom(env), cors: corsOptionsOf(parsed) };
  const problems = redisProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The CORS settings of `config`, or every problem with them (ConfigError). */
export function corsOptionsOf(config: {
  C360_MODE: 'development' | 'production';
  CORS_ORIGINS?: string[];
  CORS_CREDENTIALS: boolean;
  CORS_MAX_AGE_SECONDS: number;
}): CorsOptions {
  const origins = config.CORS_ORIGINS ?? (config.C360_MODE === 'development' ? ['*'] : []);
  const problems = originProblems(origins, config.CORS_CREDENTIALS).map((p) => `CORS_ORIGINS: ${p}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { origins, credentials: config.CORS_CREDENTIALS, maxAgeSeconds: config.CORS_MAX_AGE_SECONDS };
}

/** Settings named per subgraph (`<PREFIX><NAME>`), keyed by the subgraph's lower-case name. */
function perSubgraph(env: NodeJS.ProcessEnv, prefix: string): [string, string][] {
  const found: [string, string][] = [];
  for (const [key, value] of Object.entries(env)) {
    const name = key.startsWith(prefix) ? key.slice(prefix.length) : '';
    if (/^[A-Z0-9_]+$/.test(name) && value) found.push([name.toLowerCase(), value]);
  }
  return found;
}

/**
 * Per-subgraph overrides: SUBGRAPH_URL_<NAME> replaces the routing URL
 * composed into the supergraph; SUBGRAPH_TIMEOUT_MS_<NAME> replaces
 * SUBGRAPH_TIMEOUT_MS for that subgraph (a slow source need not slow the budget of the others).
 */
export function subgraphOverridesFrom(env: NodeJS.ProcessEnv): {
  subgraphUrls: Record<string, string>;
  subgraphTimeouts: Record<string, number>;
} {
  const problems: string[] = [];
  const subgraphTimeouts: Record<string, number> = {};
  for (const [name, value] of perSubgraph(env, 'SUBGRAPH_TIMEOUT_MS_')) {
    const ms = Number(value);
    if (Number.isInteger(ms) && ms > 0) subgraphTimeouts[name] = ms;
    else
      problems.push(
        `SUBGRAPH_TIMEOUT_MS_${name.toUpperCase()}: expected a positive whole number of milliseconds (got "${value}")`,
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { subgraphUrls: Object.fromEntries(perSubgraph(env, 'SUBGRAPH_URL_')), subgraphTimeouts };
}
