import { LRUCache } from 'lru-cache';
import type { Logger } from './logger';
import { Cluster, type Redis } from 'ioredis';
import {
  bySlot,
  createRedis,
  redisAnswers,
  redisReady,
  redisTopology,
  type RedisClient,
  type RedisSettings,
} from './redis';

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
  /** Many reads in one round trip (Redis `MGET`, one per hash slot on a Cluster); `undefined` where missing. */
  getMany?(keys: string[]): Promise<(string | undefined)[]>;
  /** Many writes, each with its tags, in one round trip (a Redis pipeline; per entry on a Cluster). */
  setMany?(entries: CacheWrite[]): Promise<void>;
  close(): Promise<void>;
}

/** One write of `setMany`: the value, its TTL and the tags it carries (see `tag`). */
export interface CacheWrite {
  key: string;
  value: string;
  ttlSeconds: number;
  tags?: string[];
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
  async getMany(keys: string[]) {
    return keys.map((key) => this.lru.get(key));
  }
  async set(key: string, value: string, ttlSeconds: number) {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }
  async setMany(entries: CacheWrite[]) {
    for (const entry of entries) {
      await this.set(entry.key, entry.value, entry.ttlSeconds);
      if (entry.tags?.length) await this.tag(entry.tags, entry.key);
    }
  }
  async delete(keys: string[]) {
    for (const key of keys) this.lru.delete(key);
  }
  async close() {
    this.lru.clear();
  }
}

/**
 * Redis-backed cache, over a single server, a Sentinel-watched master or a
 * Cluster alike. Commands fail fast while Redis is down instead of queueing.
 *
 * No command crosses hash slots: a tag set and the entries it lists live in
 * different slots, so a tag's members are taken (and the set dropped) in one
 * single-key script, then deleted slot by slot.
 */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private lastWarning = 0;

  constructor(
    readonly redis: RedisClient,
    private readonly logger: Logger,
    private readonly prefix = 'c360:',
  ) {
    // ioredis runs a defined command by EVALSHA, sending the script whole when the server does not know it yet.
    if (!(redis instanceof Cluster)) redis.defineCommand('c360SetTagged', { lua: SET_TAGGED });
  }

  /** Connects to one Redis server by URL (see `connectTo` for a Cluster or Sentinel). */
  static connect(url: string, logger: Logger, prefix?: string): RedisCache {
    return RedisCache.connectTo({ REDIS_URL: url }, logger, prefix);
  }

  /** Connects to the Redis the settings name: a server, a Cluster or a master behind Sentinel. */
  static connectTo(settings: RedisSettings, logger: Logger, prefix?: string): RedisCache {
    return new RedisCache(createRedis(settings), logger, prefix);
  }

  /**
   * Waits until the connection is ready (commands fail at once before: no
   * offline queue), or until `timeoutMs`; never throws, since a cache that is
   * not there yet just misses.
   */
  async ready(timeoutMs = 1000): Promise<void> {
    await redisReady(this.redis, timeoutMs);
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
  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const values = new Map<string, string | undefined>();
    try {
      // One MGET per hash slot on a Cluster (CROSSSLOT otherwise); one for all on a single server.
      const groups =
        this.redis instanceof Cluster ? bySlot(keys.map((k) => this.prefix + k)) : [keys.map((k) => this.prefix + k)];
      await Promise.all(
        groups.map(async (group) => {
          for (let i = 0; i < group.length; i += 500) {
            const chunk = group.slice(i, i + 500);
            const found = await this.redis.mget(...chunk);
            chunk.forEach((key, j) => values.set(key, found[j] ?? undefined));
          }
        }),
      );
    } catch (err) {
      this.warn(err);
      return keys.map(() => undefined);
    }
    return keys.map((k) => values.get(this.prefix + k));
  }
  async setMany(entries: CacheWrite[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.redis instanceof Cluster) {
      // A Cluster pipeline must stay on one node: entry by entry, as `set` and `tag` do.
      await Promise.all(
        entries.map(async (e) => {
          await this.set(e.key, e.value, e.ttlSeconds);
          if (e.tags?.length) await this.tag(e.tags, e.key, e.ttlSeconds);
        }),
      );
      return;
    }
    // One command for every entry and every tag (a script: SET with its TTL, then each tag set
    // extended as `tag` does), each tag once per batch (a customer's tag is on every entry of its
    // page): a page's dozen entries carry some fifty tags, which as separate commands cost a
    // hundred and fifty commands' worth of encoding, replies and promises on both sides.
    // Tag sets list their members by index into KEYS: no key is sent twice.
    const keys: string[] = [];
    const args: (string | number)[] = [entries.length];
    const tagged = new Map<string, { members: number[]; ttl: number }>();
    entries.forEach((e, i) => {
      const ttl = Math.max(1, Math.round(e.ttlSeconds));
      keys.push(this.prefix + e.key);
      args.push(e.value, ttl);
      for (const tag of e.tags ?? []) {
        const set = tagged.get(tag);
        if (set) {
          set.members.push(i + 1);
          set.ttl = Math.max(set.ttl, ttl);
        } else tagged.set(tag, { members: [i + 1], ttl });
      }
    });
    for (const [tag, { members, ttl }] of tagged) {
      keys.push(`${this.prefix}tag:${tag}`);
      args.push(ttl, members.length, ...members);
    }
    try {
      await (this.redis as WithSetTagged).c360SetTagged(keys.length, ...keys, ...args);
    } catch (err) {
      this.warn(err);
    }
  }
  async delete(keys: string[]) {
    if (keys.length === 0) return;
    try {
      await this.deleteRaw(keys.map((k) => this.prefix + k));
    } catch (err) {
      this.warn(err);
    }
  }
  /** Deletes full keys, one DEL per hash slot; resolves to how many existed. */
  private async deleteRaw(keys: string[]): Promise<number> {
    let count = 0;
    for (const group of bySlot(keys)) {
      for (let i = 0; i < group.length; i += 500) count += await this.redis.del(...group.slice(i, i + 500));
    }
    return count;
  }
  async tag(tags: string[], key: string, ttlSeconds: number) {
    if (tags.length === 0) return;
    const ttl = Math.max(1, Math.round(ttlSeconds));
    try {
      // One transaction per tag set: each touches one key, so each stays within its slot.
      await Promise.all(
        tags.map((tag) => {
          const set = `${this.prefix}tag:${tag}`;
          return (
            this.redis
              .multi()
              .sadd(set, this.prefix + key)
              // A tag lives as long as its longest-lived key: GT extends an existing TTL, NX sets a new set's (Redis >= 7).
              .expire(set, ttl, 'GT')
              .expire(set, ttl, 'NX')
              .exec()
          );
        }),
      );
    } catch (err) {
      this.warn(err);
    }
  }
  async invalidateTags(tags: string[]) {
    if (tags.length === 0) return 0;
    try {
      // Each tag set is emptied atomically (members read and set dropped in one single-key script):
      // an entry tagged afterwards lands in a new set and is not lost.
      const members = await Promise.all(
        tags.map((tag) => this.redis.eval(TAKE_SET, 1, `${this.prefix}tag:${tag}`) as Promise<string[] | null>),
      );
      const keys = [...new Set(members.flatMap((m) => m ?? []))];
      return keys.length === 0 ? 0 : await this.deleteRaw(keys);
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
 * `setMany` on one server: KEYS are the entries then the tag sets; ARGV the number of entries, each
 * entry's value and TTL, then per tag set its TTL, its number of members and their indexes in KEYS.
 * A tag set lives as long as its longest-lived entry (its TTL only ever grows, as `tag`'s
 * `EXPIRE GT` / `NX`). SADD takes its members in chunks: Lua's `unpack` is bounded by its stack.
 */
const SET_TAGGED = `local n = tonumber(ARGV[1])
for i = 1, n do
  redis.call('SET', KEYS[i], ARGV[2 * i], 'EX', ARGV[2 * i + 1])
end
local a = 2 * n + 2
for j = n + 1, #KEYS do
  local ttl = tonumber(ARGV[a])
  local count = tonumber(ARGV[a + 1])
  a = a + 2
  local members = {}
  for k = 1, count do
    members[#members + 1] = KEYS[tonumber(ARGV[a])]
    a = a + 1
    if #members == 1000 or k == count then
      redis.call('SADD', KEYS[j], unpack(members))
      members = {}
    end
  end
  if redis.call('TTL', KEYS[j]) < ttl then redis.call('EXPIRE', KEYS[j], ttl) end
end
return n`;

/** A server client with `SET_TAGGED` defined (ioredis `defineCommand`). */
type WithSetTagged = Redis & {
  c360SetTagged(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
};

/** Returns a set's members and deletes the set, atomically (one key: fine on a Cluster). */
const TAKE_SET = `local m = redis.call('SMEMBERS', KEYS[1])
redis.call('DEL', KEYS[1])
return m`;

/**
 * Picks the cache: the Redis the settings name when they name one (an
 * explicit Redis is used even if it is down right now: it will come back),
 * otherwise Redis on the default local port when it answers, otherwise an
 * in-process LRU with a warning. `url` is REDIS_URL, for callers that have
 * only that; `redis` carries the whole choice (REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS).
 */
export async function createCache(
  options: { url?: string; redis?: RedisSettings; fallbackUrl: string; prefix?: string },
  logger: Logger,
): Promise<Cache> {
  const settings: RedisSettings = { ...options.redis, REDIS_URL: options.redis?.REDIS_URL ?? options.url };
  if (redisTopology(settings)) {
    const cache = RedisCache.connectTo(settings, logger, options.prefix);
    await cache.ready();
    return cache;
  }
  if (await redisAnswers(options.fallbackUrl)) {
    const cache = RedisCache.connect(options.fallbackUrl, logger, options.prefix);
    await cache.ready();
    return cache;
  }
  logger.warn(
    `Redis is not reachable at ${options.fallbackUrl} and REDIS_URL is not set: using an in-process LRU cache ` +
      '(start Redis with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`)',
  );
  return new MemoryCache();
}
