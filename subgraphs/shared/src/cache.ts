import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from './logger';

/**
 * A string cache with TTLs. Every value can be rebuilt from its source, so a
 * cache failure is never an error for the caller: reads miss, writes are dropped.
 */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Records that `key` carries each tag, for `invalidateTags`; kept at least `ttlSeconds`. */
  tag?(tags: string[], key: string, ttlSeconds: number): Promise<void>;
  /** Deletes every key carrying one of the tags (and the tags); returns how many keys went. */
  invalidateTags?(tags: string[]): Promise<number>;
  close(): Promise<void>;
}

/** In-process LRU, used when no Redis is configured or reachable. */
export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  private readonly lru: LRUCache<string, string>;
  /** Tag → keys. Keys evicted from the LRU may linger here; invalidating them is harmless. */
  private readonly tags = new LRUCache<string, Set<string>>({ max: 100_000 });

  constructor(maxEntries = 50_000) {
    this.lru = new LRUCache({ max: maxEntries, ttlAutopurge: false });
  }
  async tag(tags: string[], key: string) {
    for (const tag of tags) {
      const keys = this.tags.get(tag) ?? new Set<string>();
      keys.add(key);
      this.tags.set(tag, keys);
    }
  }
  async invalidateTags(tags: string[]) {
    let count = 0;
    for (const tag of tags) {
      for (const key of this.tags.get(tag) ?? []) if (this.lru.delete(key)) count++;
      this.tags.delete(tag);
    }
    return count;
  }
  async get(key: string) {
    return this.lru.get(key);
  }
  async set(key: string, value: string, ttlSeconds: number) {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }
  async delete(keys: string[]) {
    for (const key of keys) this.lru.delete(key);
  }
  async close() {
    this.lru.clear();
  }
}

/** Redis-backed cache. Commands fail fast while Redis is down instead of queueing. */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private lastWarning = 0;

  constructor(
    readonly redis: Redis,
    private readonly logger: Logger,
    private readonly prefix = 'c360:',
  ) {}

  static connect(url: string, logger: Logger, prefix?: string): RedisCache {
    const redis = new Redis(url, {
      // Fail commands at once while disconnected: an uncached answer beats a slow one.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      commandTimeout: 500,
      lazyConnect: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // Without a listener ioredis reports connection errors as unhandled events.
    redis.on('error', () => {});
    return new RedisCache(redis, logger, prefix);
  }

  /**
   * Waits until the connection is ready (commands fail at once before: no
   * offline queue), or until `timeoutMs`; never throws, since a cache that is
   * not there yet just misses.
   */
  async ready(timeoutMs = 1000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      this.redis.once('ready', done);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  async get(key: string) {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (err) {
      this.warn(err);
      return undefined;
    }
  }
  async set(key: string, value: string, ttlSeconds: number) {
    try {
      await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.round(ttlSeconds)));
    } catch (err) {
      this.warn(err);
    }
  }
  async delete(keys: string[]) {
    if (keys.length === 0) return;
    try {
      await this.redis.del(...keys.map((k) => this.prefix + k));
    } catch (err) {
      this.warn(err);
    }
  }
  async tag(tags: string[], key: string, ttlSeconds: number) {
    if (tags.length === 0) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const tag of tags) {
        const set = `${this.prefix}tag:${tag}`;
        pipeline.sadd(set, this.prefix + key);
        // A tag lives as long as its longest-lived key: GT extends an existing TTL, NX sets a new set's (Redis >= 7).
        pipeline.expire(set, Math.max(1, Math.round(ttlSeconds)), 'GT');
        pipeline.expire(set, Math.max(1, Math.round(ttlSeconds)), 'NX');
      }
      await pipeline.exec();
    } catch (err) {
      this.warn(err);
    }
  }
  async invalidateTags(tags: string[]) {
    if (tags.length === 0) return 0;
    const sets = tags.map((tag) => `${this.prefix}tag:${tag}`);
    // One round trip, atomic: no entry can be tagged between reading a set and deleting it.
    const script = `local n = 0
      for _, set in ipairs(KEYS) do
        local keys = redis.call('SMEMBERS', set)
        for i = 1, #keys, 500 do
          n = n + redis.call('DEL', unpack(keys, i, math.min(i + 499, #keys)))
        end
        redis.call('DEL', set)
      end
      return n`;
    try {
      return Number(await this.redis.eval(script, sets.length, ...sets));
    } catch (err) {
      // While Redis is down nothing is served from it; entries written before
      // the outage may outlive it, but never longer than their TTL.
      this.warn(err);
      return 0;
    }
  }
  async close() {
    this.redis.disconnect();
  }

  private warn(err: unknown) {
    const now = Date.now();
    if (now - this.lastWarning > 10_000) {
      this.lastWarning = now;
      this.logger.warn({ err: (err as Error).message }, 'Redis unavailable: serving uncached');
    }
  }
}

/**
 * Picks the cache: Redis at `url` when given (an explicit REDIS_URL is used
 * even if it is down right now: it will come back), otherwise Redis on the
 * default local port when it answers, otherwise an in-process LRU with a warning.
 */
export async function createCache(
  options: { url?: string; fallbackUrl: string; prefix?: string },
  logger: Logger,
): Promise<Cache> {
  if (options.url) {
    const cache = RedisCache.connect(options.url, logger, options.prefix);
    await cache.ready();
    return cache;
  }
  const probe = new Redis(options.fallbackUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    probe.disconnect();
    const cache = RedisCache.connect(options.fallbackUrl, logger, options.prefix);
    await cache.ready();
    return cache;
  } catch {
    probe.disconnect();
    logger.warn(
      `Redis is not reachable at ${options.fallbackUrl} and REDIS_URL is not set: using an in-process LRU cache ` +
        '(start Redis with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`)',
    );
    return new MemoryCache();
  }
}
