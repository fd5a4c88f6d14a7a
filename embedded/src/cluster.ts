/**
 * The all-in-one product on every core: `c360 start` with GATEWAY_WORKERS above 1.
 *
 * The primary process prepares what exists once per machine — the demo databases and their
 * seed, the bundled Neo4j (supervised: restarted when it dies), the help-desk simulator, one
 * subgraph secret — then forks one worker per core with node:cluster. Each worker is the whole
 * all-in-one product (gateway plus every subgraph, called in process), and the workers share the
 * product's ports: the primary hands each new connection to the next worker. The work that must
 * happen once per machine runs in the first worker only (the leader): catching up with the
 * sources' observation feeds and polling them. The workers are supervised units: started in
 * order (the leader first, so the identity graph is caught up before the others serve), each
 * restarted with back-off when it dies, their log lines prefixed with their name, and all
 * stopped on SIGINT/SIGTERM.
 *
 * The workers are replicas of one gateway: they share the Redis cache, the rate limits and the
 * persisted queries, and each invalidation one of them makes (an identity merge, a rule change)
 * reaches the others over the invalidation bus. Without Redis they could not agree on what is
 * cached, so `c360 start` then runs one process (see start.ts).
 */
import cluster from 'node:cluster';
import { generateSecret } from '@c360/kit/auth';
import { createCache } from '@c360/kit/cache';
import { usableCpus } from '@c360/kit/cpus';
import type { Logger } from '@c360/kit/logger';
import type { HelpdeskSimulator } from '@c360/demo/sources/helpdesk';
import type { EmbeddedConfig } from './config';
import { stopOnSignals } from '@c360/kit/http';
import {
  checkProductSettings,
  connectNeo4j,
  DEFAULT_LOCAL_REDIS,
  prepareDatabases,
  startDemoHelpdesk,
  startProduct,
  type StartOptions,
} from './product';
import { Supervisor, whenReady, type ReadyChild } from './supervisor';
import { withYoungGeneration } from './node-flags';

export { usableCpus };

/** How many workers GATEWAY_WORKERS asks for on this machine (0: one per core it may use). */
export function workerCount(config: Pick<EmbeddedConfig, 'GATEWAY_WORKERS'>): number {
  return config.GATEWAY_WORKERS > 0 ? config.GATEWAY_WORKERS : usableCpus();
}

/** True when the product's cache is Redis (shared by the workers), false when it would be in process. */
export async function sharedCacheAvailable(config: EmbeddedConfig, logger: Logger): Promise<boolean> {
  const cache = await createCache({ redis: config, fallbackUrl: DEFAULT_LOCAL_REDIS }, logger);
  const shared = cache.kind === 'redis';
  await cache.close();
  return shared;
}

/** What a worker reports over IPC once it serves. */
export interface WorkerReady {
  /** The gateway's /graphql URL. */
  url: string;
  /** Subgraph name → URL. */
  subgraphs: Record<string, string>;
  /** Anything more the worker script reports (the bench's cache-less gateway). */
  extra?: Record<string, string>;
}

/** One worker of the cluster, as the supervisor sees it. */
export interface WorkerUnit extends ReadyChild<WorkerReady> {
  readonly name: string;
}

export interface ClusterOptions {
  /** Workers to fork. @default workerCount(config) */
  workers?: number;
  /**
   * The script each worker runs, and its arguments. @default this process's own script and
   * arguments (`c360 start` again: it finds itself a cluster worker and runs `runWorker`)
   */
  exec?: string;
  args?: string[];
  /** Node flags of the workers. @default this process's (tsx in a checkout, none on the build) */
  execArgv?: string[];
  /** Environment of the workers, on top of what the primary sets. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Where the workers' prefixed log lines go. @default process.stdout */
  out?: NodeJS.WritableStream;
  /** Passed to the seed (where it writes the ground truth). */
  start?: StartOptions;
  /** First restart delay of a dead worker (the supervisor's). @default 500 */
  initialBackoffMs?: number;
}

export interface RunningCluster {
  /** The gateway's /graphql URL (every worker's). */
  url: string;
  subgraphs: Record<string, string>;
  /** The workers now running, in start order (the leader first). */
  workers(): WorkerUnit[];
  /** The bundled Neo4j's Bolt URI and JVM pid, when it is the bundled one. */
  neo4j: { readonly uri: string; readonly pid: number | null } | null;
  supervisor: Supervisor;
  /** What the workers reported beyond the gateway (the first worker's). */
  extra: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the primary's units (databases, Neo4j, help desk) and forks the workers; resolves once
 * every worker serves. A bad production config throws before anything starts (as startProduct);
 * a first start that fails throws after stopping what started.
 */
export async function startCluster(
  config: EmbeddedConfig,
  logger: Logger,
  options: ClusterOptions = {},
): Promise<RunningCluster> {
  checkProductSettings(config);
  const count = options.workers ?? workerCount(config);
  const supervisor = new Supervisor({ logger, initialBackoffMs: options.initialBackoffMs });
  let helpdesk: HelpdeskSimulator | null = null;
  const stop = async () => {
    await supervisor.stop();
    await helpdesk?.stop();
  };
  try {
    await prepareDatabases(config, logger, options.start?.truthPath);
    const { driver, bundled } = await connectNeo4j(config, logger, supervisor);
    await driver.close();
    let helpdeskUrl = config.HELPDESK_URL;
    if (!helpdeskUrl) {
      helpdesk = await startDemoHelpdesk(config, logger);
      helpdeskUrl = helpdesk.url;
    }
    const secrets = config.SUBGRAPH_SHARED_SECRET ?? [generateSecret()];
    const env: NodeJS.ProcessEnv = {
      ...(options.env ?? process.env),
      // What exists once per machine, made by the primary: the workers only connect to it.
      SEED_DEMO: 'false',
      ...(bundled ? { NEO4J_URI: bundled.uri } : {}),
      HELPDESK_URL: helpdeskUrl,
      // One secret for every worker: a subgraph call over HTTP may reach another worker's subgraph.
      SUBGRAPH_SHARED_SECRET: secrets.join(','),
    };
    cluster.setupPrimary({
      exec: options.exec ?? process.argv[1],
      args: options.args ?? process.argv.slice(2),
      execArgv: withYoungGeneration(options.execArgv ?? process.execArgv.filter((a) => !a.startsWith('--inspect'))),
      silent: true,
    });
    const units: (WorkerUnit | null)[] = Array.from({ length: count }, () => null);
    const out = options.out ?? process.stdout;
    for (let i = 0; i < count; i++) {
      const name = `worker${i + 1}`;
      const role = i === 0 ? 'leader' : 'follower';
      units[i] = await supervisor.add<WorkerUnit>({
        name,
        start: () => forkWorker(name, { ...env, C360_WORKER_ROLE: role }, out),
        restarted: (unit) => {
          units[i] = unit;
        },
      });
    }
    const first = units[0]!;
    return {
      url: first.ready.url,
      subgraphs: first.ready.subgraphs,
      extra: first.ready.extra ?? {},
      workers: () => units.filter((u): u is WorkerUnit => u !== null),
      // The pid follows the JVM the supervisor restarts.
      neo4j: bundled,
      supervisor,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Forks one worker; resolves when it reports that it serves. */
function forkWorker(name: string, env: NodeJS.ProcessEnv, out: NodeJS.WritableStream): Promise<WorkerUnit> {
  const worker = cluster.fork(env);
  return whenReady<WorkerReady>(name, worker.process, { out, killAfterMs: 15_000 }).then((started) => ({
    ...started,
    name,
  }));
}

/** This process's role when it is a worker of `startCluster` (null when it is not one). */
function workerRole(config: Pick<EmbeddedConfig, 'C360_WORKER_ROLE'>): 'leader' | 'follower' | null {
  return cluster.isWorker ? (config.C360_WORKER_ROLE ?? 'follower') : null;
}

/**
 * The body of one worker: the whole all-in-one product on the cluster's shared ports (the
 * leader also follows the observation feeds), or what `start` starts instead (the bench adds a
 * cache-less gateway); reports its URLs to the primary once it serves, and stops on
 * SIGINT/SIGTERM or when the primary is gone.
 */
export async function runWorker(
  config: EmbeddedConfig,
  logger: Logger,
  start: (followFeeds: boolean) => Promise<{ ready: WorkerReady; stop(): Promise<void> }> = async (followFeeds) => {
    const product = await startProduct(config, logger, { followFeeds });
    return { ready: { url: product.gateway.url, subgraphs: product.gateway.subgraphs }, stop: product.stop };
  },
): Promise<void> {
  const worker = await start(workerRole(config) !== 'follower');
  stopOnSignals(() => worker.stop(), logger, ['disconnect']);
  process.send?.({ ready: worker.ready });
}
