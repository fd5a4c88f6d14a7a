import { randomUUID } from 'node:crypto';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { RedisCache } from './cache';
import { customerTag, InvalidationBus } from './invalidation';
import { createLogger } from './logger';

/** Cache invalidations between an identity writer and the gateways, on a real Redis. */
const REDIS_URL = TEST_ENV.REDIS_URL!;

describe('InvalidationBus', () => {
  const logger = createLogger('silent');
  let gatewayCache: RedisCache;
  const prefix = `c360:test:${randomUUID().slice(0, 8)}:gw:`;

  beforeAll(async () => {
    gatewayCache = RedisCache.connect(REDIS_URL, logger, prefix);
    await gatewayCache.ready(5000);
  });
  afterAll(async () => {
    await gatewayCache.close();
  });

  it("drops a changed customer's shared entries before publishing resolves, whether or not a gateway hears the message", async () => {
    await gatewayCache.set('page:c1', 'before the merge', 60);
    await gatewayCache.tag([customerTag('c1')], 'page:c1', 60);
    await gatewayCache.set('page:c2', 'another customer', 60);
    await gatewayCache.tag([customerTag('c2')], 'page:c2', 60);
    // The writer's own connection, the gateways' prefix; no gateway is subscribed.
    const writer = RedisCache.connect(REDIS_URL, logger);
    await writer.ready(5000);
    const bus = new InvalidationBus(writer.redis, logger, undefined, new RedisCache(writer.redis, logger, prefix));
    try {
      await bus.publish({ customers: ['c1'] });
      // Read right after the write answered: the merged customer's page is gone, the other stays.
      expect(await gatewayCache.get('page:c1')).toBeUndefined();
      expect(await gatewayCache.get('page:c2')).toBe('another customer');
    } finally {
      await writer.close();
    }
  });

  it('delivers what changed to a listening replica, never back to its publisher', async () => {
    const heard: string[][] = [];
    const listener = new InvalidationBus(null, logger);
    await listener.listen({ REDIS_URL }, (change) => void heard.push(change.customers ?? []));
    const writer = RedisCache.connect(REDIS_URL, logger);
    await writer.ready(5000);
    const bus = new InvalidationBus(writer.redis, logger);
    const own: string[][] = [];
    await bus.listen({ REDIS_URL }, (change) => void own.push(change.customers ?? []));
    try {
      await bus.publish({ customers: ['c7', 'c8'] });
      const deadline = Date.now() + 5000;
      while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([['c7', 'c8']]);
      expect(own).toEqual([]);
    } finally {
      await listener.close();
      await bus.close();
      await writer.close();
    }
  });
});
