import { z } from 'zod';
import { corsOptionsOf, gatewayEnv, subgraphOverridesFrom } from '@c360/gateway/config';
import { ConfigError, parseEnv, port, urlWith } from '@c360/kit/config';
import { redisProblems } from '@c360/kit/redis';
import { parseExchangeRates } from '@c360/subgraph-profile/settings';
import { productDatabases } from './services';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every port the embedded product listens on: tests, the eval and the bench set them all to 0 (free ports). */
const PORT_SETTINGS = [
  'PORT',
  'IDENTITY_PORT',
  'CRM_PORT',
  'COMMERCE_PORT',
  'STORES_PORT',
  'WEB_PORT',
  'SUPPORT_PORT',
  'SURVEYS_PORT',
  'CONSENT_PORT',
  'PROFILE_PORT',
  'PRIVACY_PORT',
  'HELPDESK_PORT',
] as const;

/** Settings that put every server of the embedded product on a free port, beside a running `npm start`. */
export const FREE_PORTS: Record<(typeof PORT_SETTINGS)[number], string> = Object.fromEntries(
  PORT_SETTINGS.map((name) => [name, '0']),
) as Record<(typeof PORT_SETTINGS)[number], string>;

/**
 * Settings of the embedded product (gateway and every subgraph in one
 * process), parsed once at start; every bad variable is reported together.
 */
export const embeddedEnv = {
  ...gatewayEnv,
  /** Port of the identity subgraph; 0 picks a free port. */
  IDENTITY_PORT: port(4001),
  /** Port of the crm subgraph (CRM contacts); 0 picks a free port. */
  CRM_PORT: port(4002),
  /** Port of the commerce subgraph (web shop); 0 picks a free port. */
  COMMERCE_PORT: port(4003),
  /** Port of the stores subgraph (till exports); 0 picks a free port. */
  STORES_PORT: port(4004),
  /** Port of the web subgraph (analytics); 0 picks a free port. */
  WEB_PORT: port(4005),
  /** Port of the support subgraph (help desk); 0 picks a free port. */
  SUPPORT_PORT: port(4006),
  /** Port of the surveys subgraph; 0 picks a free port. */
  SURVEYS_PORT: port(4007),
  /** Port of the consent subgraph (consent register); 0 picks a free port. */
  CONSENT_PORT: port(4008),
  /** Port of the profile subgraph (golden record, KPIs, segments); 0 picks a free port. */
  PROFILE_PORT: port(4009),
  /** Port of the privacy subgraph (erasure, access export, audit); 0 picks a free port. */
  PRIVACY_PORT: port(4010),
  /** Port of the demo help-desk simulator, started when HELPDESK_URL is unset. */
  HELPDESK_PORT: port(4090),
  /** Your own Neo4j (server, cluster or Aura). When unset, the bundled Neo4j is started. */
  NEO4J_URI: urlWith(['bolt', 'neo4j', 'bolt+s', 'neo4j+s', 'bolt+ssc', 'neo4j+ssc']).optional(),
  /** User for NEO4J_URI. */
  NEO4J_USER: z.string().default('neo4j'),
  /** Password for NEO4J_URI (a secret). */
  NEO4J_PASSWORD: z.string().optional(),
  /** Database of NEO4J_URI; the server's default when unset. */
  NEO4J_DATABASE: z.string().optional(),
  /** Bolt port of the bundled Neo4j (loopback only, auth off), when NEO4J_URI is unset. */
  NEO4J_BOLT_PORT: port(7687),
  /** Data folder of the bundled Neo4j. */
  NEO4J_DATA_DIR: z.string().default('.data/neo4j'),
  /** The CRM database (demo: created and seeded when missing). */
  CRM_DATABASE_URL: urlWith(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/c360_crm'),
  /** The web shop database (demo: created and seeded when missing). */
  COMMERCE_DATABASE_URL: urlWith(['mysql', 'mariadb'], 'mysql://root@127.0.0.1:3306/c360_commerce'),
  /** Web analytics event store (sessions, page views, ad clicks, cart events). */
  WEB_DATABASE_URL: urlWith(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/c360_web'),
  /** Survey tool database (surveys, responses, answers). */
  SURVEYS_DATABASE_URL: urlWith(['mysql', 'mariadb'], 'mysql://root@127.0.0.1:3306/c360_surveys'),
  /** The consent and preference register that c360 owns (append-only history). */
  CONSENT_DATABASE_URL: urlWith(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/c360_consent'),
  /** The profile subgraph's own data: survivorship rules, segment definitions, their versions. */
  PROFILE_DATABASE_URL: urlWith(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/c360_profile'),
  /** The privacy subgraph's own data: erasure jobs and the audit of personal-data reads. */
  PRIVACY_DATABASE_URL: urlWith(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/c360_privacy'),
  /** First retry delay of a failed erasure task in milliseconds, doubled after each failure. */
  PRIVACY_RETRY_BASE_MS: z.coerce.number().int().positive().default(5000),
  /** Longest retry delay of a failed erasure task in milliseconds. */
  PRIVACY_RETRY_MAX_MS: z.coerce.number().int().positive().default(300_000),
  /** ISO 4217 currency the profile subgraph's KPIs report money in. */
  KPI_REPORTING_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code like EUR')
    .default('EUR'),
  /** Value of one unit of each other currency in the reporting currency, e.g. GBP=1.17,USD=0.92. */
  KPI_EXCHANGE_RATES: z
    .string()
    .default('GBP=1.17,USD=0.92')
    .transform((text, ctx) => {
      try {
        return parseExchangeRates(text);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Folder the store tills export their files to; new files are picked up while running. */
  STORES_EXPORT_DIR: z.string().default('.data/stores/till-exports'),
  /** Base URL of the help desk's REST API. When unset, the bundled help-desk simulator is started. */
  HELPDESK_URL: urlWith(['http', 'https']).optional(),
  /** API token sent to the help desk. */
  HELPDESK_API_TOKEN: z.string().default('demo-helpdesk-token'),
  /** Data file of the bundled help-desk simulator (written by the demo seed). */
  HELPDESK_DATA_PATH: z.string().default('.data/helpdesk/helpdesk.json'),
  /** Requests per minute the bundled help-desk simulator allows before answering 429 (real plans: 200 to 2500). */
  HELPDESK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(2500),
  /** Region for phone numbers written in national format when a source gives no country. */
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code like FR')
    .default('FR'),
  /** JSON file with the identity linking rules and block list (see subgraphs/identity/src/rules.ts); built-in defaults when unset. */
  IDENTITY_RULES_PATH: z.string().optional(),
  /** Budget of one source-system call in milliseconds. */
  SOURCE_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  /** Feed pages the identity subgraph ingests at once (each its own transaction; writes lock only what they touch). */
  IDENTITY_FEED_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
  /** How often the identity subgraph reads the sources' observation feeds, in milliseconds. */
  FEED_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
  /** All-in-one: the gateway calls the subgraphs of its process in process (no HTTP, no JSON); `false` goes over HTTP. */
  GATEWAY_IN_PROCESS: flag.default('true'),
  /** Distributed topology: the gateway's base URL, which the identity, profile and privacy services call (cache invalidation, exports). */
  GATEWAY_URL: urlWith(['http', 'https']).optional(),
  /**
   * `npm start`, all-in-one: how many processes serve the product (node:cluster workers sharing its ports, each the
   * gateway with every subgraph in process); 0 is one per core it may use (a container CPU limit counts). Above 1
   * they need Redis (shared cache); without it, one.
   */
  GATEWAY_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  /** Set by `c360 start` on its workers (the leader follows the observation feeds); not a setting for users. */
  C360_WORKER_ROLE: z.enum(['leader', 'follower']).optional(),
  /** `npm start`: `all-in-one` (one process, subgraphs called in process) or `distributed` (one supervised process per service, over HTTP). */
  C360_TOPOLOGY: z.enum(['all-in-one', 'distributed']).default('all-in-one'),
  /** Seed the demo source systems when they are empty. */
  SEED_DEMO: flag.default('true'),
  /** How many people the demo seed generates. */
  DEMO_PEOPLE: z.coerce.number().int().min(10).max(200_000).default(3000),
};

/** The databases the embedded product creates when missing, by source. */
export function databasesOf(config: {
  CRM_DATABASE_URL: string;
  COMMERCE_DATABASE_URL: string;
  WEB_DATABASE_URL: string;
  SURVEYS_DATABASE_URL: string;
  CONSENT_DATABASE_URL: string;
  PROFILE_DATABASE_URL: string;
  PRIVACY_DATABASE_URL: string;
}) {
  return productDatabases({
    crm: config.CRM_DATABASE_URL,
    commerce: config.COMMERCE_DATABASE_URL,
    web: config.WEB_DATABASE_URL,
    surveys: config.SURVEYS_DATABASE_URL,
    consent: config.CONSENT_DATABASE_URL,
    profile: config.PROFILE_DATABASE_URL,
    privacy: config.PRIVACY_DATABASE_URL,
  });
}

export type EmbeddedConfig = ReturnType<typeof loadEmbeddedConfig>;

export function loadEmbeddedConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(embeddedEnv, env);
  const config = { ...parsed, ...subgraphOverridesFrom(env), cors: corsOptionsOf(parsed) };
  const problems = redisProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
