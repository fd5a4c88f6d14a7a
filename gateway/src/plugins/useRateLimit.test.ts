import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@c360/kit/redis';
import pino from 'pino';
import { RedisCache } from '@c360/kit/cache';
import { TEST_ENV } from '@c360/test-setup/test-env';
import type { Principal } from '../auth/authenticate';
import { ApqCache } from '../cache/apq-cache';
import { startThrowawayRedis } from '../testing';
import { ClientRateLimiter } from './useRateLimit';

const partner: Principal = {
  client: 'partner-app',
  scopes: ['customer:read'],
  via: 'api-key',
  rateLimit: { points: 2, durationSeconds: 60 },
};
const silent = pino({ level: 'silent' });

/** A log that keeps its lines, to check what was warned. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('per-client rate limits in Redis', () => {
  let redis: RedisClient;
  beforeAll(async () => {
    const cache = RedisCache.connect(TEST_ENV.REDIS_URL!, silent);
    await cache.ready();
    redis = cache.redis;
  });
  afterAll(() => redis.disconnect());

  it('are shared by the replicas: the third request of a 2-per-minute client is refused, with the wait', async () => {
    const keyPrefix = `c360:test:${randomUUID()}:rl`;
    const [replicaA, replicaB] = [1, 2].map(
      () => new ClientRateLimiter({ redis, keyPrefix, defaultLimit: { points: 100, durationSeconds: 60 } }),
    );
    expect(await replicaA!.consume(partner)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetSeconds: 60,
      degraded: false,
    });
    expect((await replicaB!.consume(partner)).remaining).toBe(0);
    const refused = await replicaA!.consume(partner);
    expect(refused).toMatchObject({ allowed: false, limit: 2, remaining: 0, degraded: false });
    expect(refused.resetSeconds).toBeGreaterThan(50);
    // Another client has its own count, at the default limit.
    const other = await replicaA!.consume({ ...partner, client: 'sales-app', rateLimit: undefined });
    expect(other).toMatchObject({ allowed: true, limit: 100, remaining: 99 });
  });
});

describe('Redis stopped under the rate limiter and the APQ store', () => {
  it('fail open to memory: decisions and persisted queries go on, with one warning and a count per operation', async () => {
    const server = await startThrowawayRedis(6390);
    const cache = RedisCache.connect(server.url, silent);
    await cache.ready();
    const { logger, lines } = capturingLogger();
    let degraded = 0;
    const limiter = new ClientRateLimiter({
      redis: cache.redis,
      keyPrefix: `c360:test:${randomUUID()}:rl`,
      defaultLimit: { points: 100, durationSeconds: 60 },
      logger,
      onDegraded: () => degraded++,
    });
    let apqDegraded = 0;
    const apq = new ApqCache({
      redis: cache.redis,
      prefix: `c360:test:${randomUUID()}:`,
      logger,
      onDegraded: () => apqDegraded++,
    });
    try {
      expect((await limiter.consume(partner)).degraded).toBe(false);
      await apq.set('apq:h1', '{ a }', { ttl: 60 });

      await server.stop();
      const started = Date.now();
      // The limit is still enforced, per process, from a fresh count.
      expect(await limiter.consume(partner)).toMatchObject({ allowed: true, remaining: 1, degraded: true });
      expect(await limiter.consume(partner)).toMatchObject({ allowed: true, remaining: 0, degraded: true });
      expect(await limiter.consume(partner)).toMatchObject({ allowed: false, degraded: true });
      // Registered before the outage: still served from memory; registered during it: kept in memory.
      expect(await apq.get('apq:h1')).toBe('{ a }');
      await apq.set('apq:h2', '{ b }', { ttl: 60 });
      expect(await apq.get('apq:h2')).toBe('{ b }');
      expect(await new ApqCache({ redis: cache.redis, logger: silent }).get('apq:unknown')).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(2000);

      expect(degraded).toBe(3);
      expect(apqDegraded).toBe(1);
      expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
        'Redis unavailable: rate limits are counted in this process only',
        'Redis unavailable: persisted queries are kept in this process only',
      ]);
    } finally {
      await cache.close();
      await server.stop();
    }
  });
});
