import { ConfigError } from '@c360/kit/config';
import { configureShutdown, stopOnSignals } from '@c360/kit/http';
import { createLogger, type Logger } from '@c360/kit/logger';
import { ensureCustomerPageBuilt } from '@c360/gateway/customer-page';
import { loadEmbeddedConfig, type EmbeddedConfig } from './config';
import cluster from 'node:cluster';
import { runWorker, sharedCacheAvailable, startCluster, workerCount } from './cluster';
import { startDistributed } from './distributed';
import { REPO_ROOT, startProduct } from './product';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TRUTH_PATH, type GroundTruth } from '@c360/demo/seed';

/**
 * `npm start`: the whole product with embedded defaults and demo data: one process per core
 * (cluster.ts), or one process when GATEWAY_WORKERS=1 or there is no Redis to share.
 */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadEmbeddedConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee "Configuration" in README.md.`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  configureShutdown({ drainMs: config.SHUTDOWN_DRAIN_MS });
  if (cluster.isWorker) return runWorker(config, logger);
  const appBuilt = ensureCustomerPageBuilt(logger);
  if (config.C360_TOPOLOGY === 'distributed') return startDistributedTopology(config, logger);
  const workers = workerCount(config);
  if (workers > 1) {
    if (await sharedCacheAvailable(config, logger)) return startClusterTopology(config, logger, workers, appBuilt);
    logger.warn(
      { workers },
      'no Redis for the workers to share their cache: starting one process (start Redis, or set REDIS_URL, for one per core)',
    );
  }
  const product = await startProduct(config, logger);
  stopOnSignals(() => product.stop(), logger);
  printBanner({
    title: 'c360 is running.',
    url: product.gateway.url,
    subgraphs: product.gateway.subgraphs,
    neo4j: product.neo4j ? `${product.neo4j.uri} (bundled)` : config.NEO4J_URI,
    cache: product.cache.kind === 'redis' ? 'Redis' : 'in-process LRU (Redis not reachable)',
    metricsNote: '',
    appBuilt,
  });
}

/** All-in-one on every core: the primary supervises one product worker per core (cluster.ts). */
async function startClusterTopology(config: EmbeddedConfig, logger: Logger, workers: number, appBuilt: boolean) {
  const product = await startCluster(config, logger, { workers });
  stopOnSignals(() => product.stop(), logger);
  printBanner({
    title: `c360 is running (all-in-one, ${workers} workers sharing its ports, supervised).`,
    url: product.url,
    subgraphs: product.subgraphs,
    neo4j: product.neo4j ? `${product.neo4j.uri} (bundled)` : config.NEO4J_URI,
    cache: 'Redis, shared by the workers',
    metricsNote: '   (of the worker that answers)',
    appBuilt,
  });
}

/** Where everything is, and a first query to try. */
function printBanner(o: {
  title: string;
  url: string;
  subgraphs: Record<string, string>;
  neo4j: string | undefined;
  cache: string;
  metricsNote: string;
  appBuilt: boolean;
}) {
  const base = o.url.replace(/\/graphql$/, '');
  process.stdout.write(
    [
      '',
      o.title,
      `  GraphQL + Apollo Sandbox  ${o.url}`,
      `  Health / readiness        ${base}/health  ${base}/ready   (liveness: ${base}/live)`,
      `  Customer page             ${base}/app/${o.appBuilt ? '' : '  (not built: npm run build:app)'}`,
      `  Self-hosted explorer      ${base}/explorer   (GraphiQL, works offline)`,
      `  Prometheus metrics        ${base}/metrics${o.metricsNote}`,
      `  Subgraphs                 ${Object.entries(o.subgraphs)
        .map(([n, u]) => `${n} ${u}`)
        .join(', ')}`,
      `  Neo4j                     ${o.neo4j}`,
      `  Cache                     ${o.cache}`,
      '',
      'Try, in Sandbox or with curl:',
      `  curl -s ${o.url} -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ customerByIdentifier(kind: EMAIL, value: \\"${sampleEmail()}\\") { id identifiers { kind value } sourceRecords { system localId } crmContacts { firstName lastName } shopAccounts { email orders(first: 3) { totalCount } } } }"}'`,
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
}

/** C360_TOPOLOGY=distributed: one supervised process per service (see distributed.ts). */
async function startDistributedTopology(config: EmbeddedConfig, logger: Logger) {
  const product = await startDistributed(config, logger);
  stopOnSignals(() => product.stop(), logger);
  const base = product.gatewayUrl!.replace(/\/graphql$/, '');
  process.stdout.write(
    [
      '',
      'c360 is running (distributed: one process per service, supervised).',
      `  GraphQL + Apollo Sandbox  ${product.gatewayUrl}`,
      `  Health / readiness        ${base}/health  ${base}/ready   (liveness: ${base}/live)`,
      `  Services                  ${Object.entries(product.urls)
        .map(([n, u]) => `${n} ${u}`)
        .join(', ')}`,
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
}

/** An email of a person the demo seed put in both the CRM and the shop, for the example query. */
function sampleEmail(): string {
  try {
    const truth = JSON.parse(readFileSync(path.join(REPO_ROOT, DEFAULT_TRUTH_PATH), 'utf8')) as GroundTruth;
    const person = truth.people.find(
      (p) => new Set(p.records.map((r) => r.system)).size > 1 && p.identifiers.some((i) => i.kind === 'EMAIL'),
    );
    return person?.identifiers.find((i) => i.kind === 'EMAIL')?.value ?? '<an email from .data/ground-truth.json>';
  } catch {
    return '<an email from .data/ground-truth.json>';
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    if (err instanceof ConfigError) {
      // Settings checked at start (production secrets, JWT, the clients file): all listed, exit 2 like the env's.
      console.error(`${err.message}\nSee "Configuration" in README.md.`);
      process.exit(2);
    }
    console.error(`c360 failed to start: ${err.message}`);
    process.exit(1);
  });
}
