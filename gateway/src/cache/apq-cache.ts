/**
 * The store of automatic persisted queries (APQ): Apollo Server's
 * `persistedQueries.cache`, a `KeyValueCache<string>` (get, set with a TTL
 * in seconds, delete) holding query texts by SHA-256.
 *
 * Two tiers: an in-process LRU in front of Redis. Replicas share the
 * registrations through Redis; the LRU spares most round trips, and keeps
 * APQ working when Redis is down — a replica then knows the queries it saw
 * itself, and a client whose hash is unknown gets PERSISTED_QUERY_NOT_FOUND
 * and re-sends the text, as the APQ protocol has it. Redis failures are
 * logged (at most every 10 s) and counted, never raised.
 */
import type { RedisClient } from '@c360/kit/redis';
import { LRUCache } from 'lru-cache';
import type { Logger } from '@c360/kit/logger';

export interface ApqCacheOptions {
  /** Shared store; `null` keeps registrations in this process only. */
  redis: RedisClient | null;
  /** Prefix of the Redis keys (Apollo Server adds `apq:` to its own keys). @default 'c360:gw:' */
  prefix?: string;
  /** Queries kept in memory. @default 10000 */
  maxEntries?: number;
  /** TTL of in-memory entries when Apollo gives none, in seconds. @default 86400 */
  defaultTtlSeconds?: number;
  logger?: Logger;
  /** Called for each operation that could not use Redis. @default none */
  onDegraded?: () => void;
}

export class ApqCache {
  private readonly memory: LRUCache<string, string>;
  private readonly prefix: string;
  private readonly defaultTtlSeconds: number;
  private lastWarning = 0;

  constructor(private readonly options: ApqCacheOptions) {
    this.prefix = options.prefix ?? 'c360:gw:';
    this.defaultTtlSeconds = options.defaultTtlSeconds ?? 86_400;
    this.memory = new LRUCache({ max: options.maxEntries ?? 10_000 });
  }

  async get(key: string): Promise<string | undefined> {
    const local = this.memory.get(key);
    if (local !== undefined || !this.options.redis) return local;
    try {
      const shared = await this.options.redis.get(this.prefix + key);
      if (shared === null) return undefined;
      this.memory.set(key, shared, { ttl: this.defaultTtlSeconds * 1000 });
      return shared;
    } catch (err) {
      this.degraded(err);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl ?? this.defaultTtlSeconds;
    this.memory.set(key, value, { ttl: ttl * 1000 });
    if (!this.options.redis) return;
    try {
      await this.options.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.round(ttl)));
    } catch (err) {
      this.degraded(err);
    }
  }

  async delete(key: string): Promise<boolean | void> {
    this.memory.delete(key);
    if (!this.options.redis) return;
    try {
      await this.options.redis.del(this.prefix + key);
    } catch (err) {
      this.degraded(err);
    }
  }

  private degraded(err: unknown) {
    this.options.onDegraded?.();
    const now = Date.now();
    if (now - this.lastWarning > 10_000) {
      this.lastWarning = now;
      this.options.logger?.warn(
        { err: (err as Error).message },
        'Redis unavailable: persisted queries are kept in this process only',
      );
    }
  }
}
