import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { createCache, MemoryCache, RedisCache } from './cache';

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('createCache', () => {
  it('falls back to an in-process LRU, with a warning saying how to start Redis, when none answers and REDIS_URL is unset', async () => {
    const { logger, lines } = capturingLogger();
    const cache = await createCache({ fallbackUrl: 'redis://127.0.0.1:1' }, logger);
    expect(cache.kind).toBe('memory');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: expect.stringContaining('using an in-process LRU cache (start Redis with `redis-server'),
      }),
    ]);
    await cache.close();
  });

  it('uses the local Redis when it answers, and an explicit REDIS_URL even while it is down', async () => {
    const { logger } = capturingLogger();
    const local = await createCache({ fallbackUrl: TEST_ENV.REDIS_URL! }, logger);
    expect(local.kind).toBe('redis');
    await local.close();
    const explicit = await createCache({ url: 'redis://127.0.0.1:1', fallbackUrl: TEST_ENV.REDIS_URL! }, logger);
    expect(explicit.kind).toBe('redis');
    await explicit.close();
  });
});

describe.each([
  [
    'RedisCache',
    async () => {
      const cache = RedisCache.connect(TEST_ENV.REDIS_URL!, pino({ level: 'silent' }), `test:${randomUUID()}:`);
      await cache.ready();
      return cache;
    },
  ],
  ['MemoryCache', async () => new MemoryCache()],
])('%s', (_name, make) => {
  it('stores with a TTL, deletes, and expires', async () => {
    const cache = await make();
    try {
      await cache.set('a', '1', 1);
      await cache.set('b', '2', 60);
      expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual(['1', '2', undefined]);
      await cache.delete(['b', 'never-set']);
      expect(await cache.get('b')).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1100));
      expect(await cache.get('a')).toBeUndefined();
    } finally {
      await cache.close();
    }
  });
});

describe('RedisCache while Redis is down', () => {
  it('misses on read and drops writes without throwing, and warns once', async () => {
    const { logger, lines } = capturingLogger();
    const cache = RedisCache.connect('redis://127.0.0.1:1', logger);
    try {
      await expect(cache.set('k', 'v', 10)).resolves.toBeUndefined();
      await expect(cache.get('k')).resolves.toBeUndefined();
      await expect(cache.delete(['k'])).resolves.toBeUndefined();
      expect(lines.filter((l) => l.msg === 'Redis unavailable: serving uncached')).toHaveLength(1);
    } finally {
      await cache.close();
    }
  });
});
