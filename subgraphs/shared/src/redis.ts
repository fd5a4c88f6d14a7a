/**
 * The one place c360 opens Redis connections. A deployment picks its Redis by
 * environment: a single server (`REDIS_URL`), a Redis Cluster
 * (`REDIS_CLUSTER_NODES`) or a master watched by Sentinels (`REDIS_SENTINELS`
 * + `REDIS_SENTINEL_NAME`); every component gets the same kind of client from
 * `createRedis`, so none of them knows which one it talks to.
 *
 * What that asks of the callers: no command may touch keys of two hash slots
 * (a Cluster refuses it with CROSSSLOT). `bySlot` groups keys so that a
 * multi-key command (DEL of many) is sent once per slot; pipelines and
 * transactions are built on one key; Lua scripts declare one key. Keys that
 * must be read or written together carry the same hash tag (`{…}`).
 */
import Redis, { Cluster, type ClusterNode, type RedisOptions } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import { z } from 'zod';
import { urlWith } from './config';

/** A connection to whichever Redis is configured: a server (also behind Sentinel) or a Cluster. */
export type RedisClient = Redis | Cluster;

/** The environment variables that choose the Redis of a process (spread into each process's config shape). */
export const redisEnv = {
  /** One Redis server (`redis://[user:password@]host:port[/db]`, `rediss://` for TLS). */
  REDIS_URL: urlWith(['redis', 'rediss']).optional(),
  /** A Redis Cluster: some of its nodes as `host:port`, separated by commas (the rest are discovered). */
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((v, ctx) => hostPorts(v, ctx))
    .optional(),
  /** Sentinels watching the master, as `host:port`, separated by commas. */
  REDIS_SENTINELS: z
    .string()
    .transform((v, ctx) => hostPorts(v, ctx))
    .optional(),
  /** The master's name the Sentinels know (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_NAME: z.string().default('mymaster'),
  /** Username of the Redis ACL user (Cluster and Sentinel; a REDIS_URL carries its own). */
  REDIS_USERNAME: z.string().optional(),
  /** Password of the Redis servers (Cluster and Sentinel; a REDIS_URL carries its own). */
  REDIS_PASSWORD: z.string().optional(),
  /** Password of the Sentinels themselves, when they require one. */
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  /** TLS to the Redis servers (Cluster and Sentinel; a REDIS_URL says it with `rediss://`). */
  REDIS_TLS: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default('false'),
};

function hostPorts(value: string, ctx: z.RefinementCtx): { host: string; port: number }[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const nodes: { host: string; port: number }[] = [];
  for (const item of list) {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(item);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `expected host:port items separated by commas, got "${item}"`,
      });
      return z.NEVER;
    }
    nodes.push({ host: match[1]!, port });
  }
  if (nodes.length === 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected at least one host:port' });
    return z.NEVER;
  }
  return nodes;
}

/** The Redis settings of a parsed configuration (any config that spread `redisEnv`). */
export interface RedisSettings {
  REDIS_URL?: string;
  REDIS_CLUSTER_NODES?: { host: string; port: number }[];
  REDIS_SENTINELS?: { host: string; port: number }[];
  REDIS_SENTINEL_NAME?: string;
  REDIS_USERNAME?: string;
  REDIS_PASSWORD?: string;
  REDIS_SENTINEL_PASSWORD?: string;
  REDIS_TLS?: boolean;
}

/** Which Redis the settings name, or null when none is configured. */
export function redisTopology(settings: RedisSettings): 'server' | 'cluster' | 'sentinel' | null {
  if (settings.REDIS_CLUSTER_NODES?.length) return 'cluster';
  if (settings.REDIS_SENTINELS?.length) return 'sentinel';
  if (settings.REDIS_URL) return 'server';
  return null;
}

/** Problems of settings that name more than one Redis (reported at boot with the other config errors). */
export function redisProblems(settings: RedisSettings): string[] {
  const set = [
    settings.REDIS_URL && 'REDIS_URL',
    settings.REDIS_CLUSTER_NODES?.length && 'REDIS_CLUSTER_NODES',
    settings.REDIS_SENTINELS?.length && 'REDIS_SENTINELS',
  ].filter(Boolean);
  return set.length > 1 ? [`${set.join(', ')}: set one of them, not several (they each name a whole Redis)`] : [];
}

export interface CreateRedisOptions {
  /**
   * `cache`: commands fail at once while disconnected (an uncached answer
   * beats a slow one). `subscriber`: waits for the connection and
   * re-subscribes after every reconnection or failover. @default 'cache'
   */
  role?: 'cache' | 'subscriber';
  /** Called with connection errors (ioredis reports them as events). @default ignored */
  onError?: (err: Error) => void;
}

/**
 * Opens a client to the configured Redis; throws when none is configured.
 * The client connects in the background: use `redisReady` to wait for it.
 */
export function createRedis(settings: RedisSettings, options: CreateRedisOptions = {}): RedisClient {
  const problems = redisProblems(settings);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const cache = (options.role ?? 'cache') === 'cache';
  const common: RedisOptions = {
    enableOfflineQueue: !cache,
    maxRetriesPerRequest: cache ? 1 : null,
    connectTimeout: 1000,
    commandTimeout: cache ? 500 : undefined,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    // After a failover the old master is a replica that refuses writes until we follow the new one.
    reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
  };
  const auth: RedisOptions = {
    username: settings.REDIS_USERNAME,
    password: settings.REDIS_PASSWORD,
    tls: settings.REDIS_TLS ? {} : undefined,
  };
  let client: RedisClient;
  switch (redisTopology(settings)) {
    case 'cluster':
      client = new Cluster(settings.REDIS_CLUSTER_NODES as ClusterNode[], {
        enableOfflineQueue: !cache,
        // Replies MOVED/ASK are followed; a failover of a shard re-reads the slot map.
        clusterRetryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 200,
        slotsRefreshTimeout: 2000,
        // Writes and reads on masters: a replica may lag behind an invalidation.
        scaleReads: 'master',
        redisOptions: { ...withoutClusterManaged(common), ...auth },
      });
      break;
    case 'sentinel':
      client = new Redis({
        ...common,
        ...auth,
        sentinels: settings.REDIS_SENTINELS,
        name: settings.REDIS_SENTINEL_NAME ?? 'mymaster',
        role: 'master',
        sentinelPassword: settings.REDIS_SENTINEL_PASSWORD,
        enableTLSForSentinelMode: settings.REDIS_TLS,
        // Subscribes to the Sentinels' +switch-master: a failover is followed at once, not at the next error.
        failoverDetector: true,
        sentinelRetryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      });
      break;
    case 'server':
      client = new Redis(settings.REDIS_URL!, common);
      break;
    default:
      throw new Error('no Redis configured: set REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS');
  }
  // Without a listener ioredis reports connection errors as unhandled events.
  client.on('error', options.onError ?? (() => {}));
  return client;
}

/** The node options of a Cluster: the Cluster itself owns queueing and reconnection. */
function withoutClusterManaged(options: RedisOptions): RedisOptions {
  const { enableOfflineQueue: _queue, retryStrategy: _retry, ...rest } = options;
  return rest;
}

/** Waits until the client is ready, or `timeoutMs`; never throws (a cache that is not there yet just misses). */
export async function redisReady(client: RedisClient, timeoutMs = 1000): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const onReady = () => done(true);
    client.once('ready', onReady);
    function done(ready: boolean) {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    }
  });
}

/** The hash slot of a key (what a Cluster routes by; `{tag}` makes keys share one). */
export const slotOf = (key: string): number => calculateSlot(key);

/**
 * Keys grouped by hash slot, so that each multi-key command stays within one
 * slot (a Cluster refuses CROSSSLOT commands; a single server accepts either).
 */
export function bySlot(keys: string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const key of keys) {
    const slot = slotOf(key);
    const group = groups.get(slot);
    if (group) group.push(key);
    else groups.set(slot, [key]);
  }
  return [...groups.values()];
}

/** Whether a Redis server answers PING at `url` within `timeoutMs` (one try, no retries). */
export async function redisAnswers(url: string, timeoutMs = 500): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
