import { randomUUID } from 'node:crypto';
import { RedisCache, type CacheWrite } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { BatchedCache } from './batched-cache';
import { customerTag, FetchCache } from './fetch-cache';

const logger = createLogger('silent');

/** A Redis store that counts its round trips and can hold its writes back. */
class CountingRedis extends RedisCache {
  gets = 0;
  mgets: string[][] = [];
  pipelines: CacheWrite[][] = [];
  hold: Promise<void> | null = null;
  override async get(key: string) {
    this.gets += 1;
    return super.get(key);
  }
  override async getMany(keys: string[]) {
    this.mgets.push(keys);
    return super.getMany(keys);
  }
  override async setMany(entries: CacheWrite[]) {
    await this.hold;
    this.pipelines.push(entries);
    return super.setMany(entries);
  }
}

describe('BatchedCache over Redis', () => {
  let store: CountingRedis;
  let cache: BatchedCache;
  beforeEach(async () => {
    const redis = RedisCache.connect(TEST_ENV.REDIS_URL!, logger).redis;
    store = new CountingRedis(redis, logger, `test:${randomUUID()}:`);
    await store.ready();
    cache = new BatchedCache(store);
  });
  afterEach(() => cache.close());

  it('reads the lookups of one turn with one MGET, and writes entries with their tags in one pipeline', async () => {
    await Promise.all(['a', 'b', 'c'].map((k) => cache.setTagged(k, `value ${k}`, 60, [`t:${k}`, 'shared'])));
    expect(store.pipelines.map((p) => p.map((e) => e.key))).toEqual([['a', 'b', 'c']]);
    const values = await Promise.all(['a', 'b', 'c', 'missing', 'a'].map((k) => cache.get(k)));
    expect(values).toEqual(['value a', 'value b', 'value c', undefined, 'value a']);
    expect(store.mgets).toEqual([['a', 'b', 'c', 'missing']]);
    expect(store.gets).toBe(0);
    // The tags were written with the entries: invalidating one drops exactly its entry.
    expect(await cache.invalidateTags(['t:b'])).toBe(1);
    expect(await Promise.all(['a', 'b'].map((k) => cache.get(k)))).toEqual(['value a', undefined]);
    expect(await cache.invalidateTags(['shared'])).toBe(2);
  });

  it('answers a miss before its entry is written, and an invalidation drops an entry still queued', async () => {
    let release!: () => void;
    store.hold = new Promise((resolve) => (release = resolve));
    const fetchCache = new FetchCache({ cache });
    const key = fetchCache.key('crm', { query: '{ customer { id } }' }, 'p');
    // The store does not take the write yet: the answer does not wait for it.
    const answer = await fetchCache.getOrFetch(
      'crm',
      key,
      String,
      async () => 'fresh',
      (body) => ({
        body,
        ttlSeconds: 60,
        tags: [customerTag('c1')],
      }),
    );
    expect(answer).toBe('fresh');
    expect(store.pipelines).toEqual([]);
    // An invalidation of the customer meanwhile waits for the queued write, then drops it.
    const invalidated = cache.invalidateTags([customerTag('c1')]);
    release();
    expect(await invalidated).toBe(1);
    let fetches = 0;
    const again = await fetchCache.getOrFetch(
      'crm',
      key,
      String,
      async () => `refetched ${++fetches}`,
      () => null,
    );
    expect([again, fetches]).toEqual(['refetched 1', 1]);
  });
});
