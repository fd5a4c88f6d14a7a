import { Cluster } from 'ioredis';
import { createRedis, type RedisClient } from '@c360/kit/redis';
import { CUSTOMER_PAGE, MERGE, recordsOf, startGatewayOverIdentity, type GatewayOverIdentity } from './fixtures';
import { startRedisSentinels, type RedisSentinels } from './redis-servers';

/**
 * c360 on a real Redis Sentinel setup (a master and one replica on 7006-7007,
 * three Sentinels on 26379-26381): the one Redis factory follows the master
 * the Sentinels name, and a failover (SENTINEL FAILOVER) in the middle of a
 * steady load surfaces no error to any client; afterwards caching and
 * cross-process invalidation work on the new master.
 */
let sentinels: RedisSentinels;
let product: GatewayOverIdentity;
let client: RedisClient;

beforeAll(async () => {
  sentinels = await startRedisSentinels();
  const settings = {
    REDIS_SENTINELS: sentinels.env.split(',').map((s) => ({ host: '127.0.0.1', port: Number(s.split(':')[1]) })),
    REDIS_SENTINEL_NAME: sentinels.name,
  };
  client = createRedis(settings);
  product = await startGatewayOverIdentity(
    { REDIS_SENTINELS: sentinels.env, REDIS_SENTINEL_NAME: sentinels.name },
    settings,
  );
}, 120_000);

afterAll(async () => {
  await product?.stop();
  client?.disconnect();
  await sentinels?.stop();
});

describe('Redis Sentinel', () => {
  it('rides through a failover under load: every client request answers, and caching resumes on the new master', async () => {
    expect(client).not.toBeInstanceOf(Cluster);
    const { gql, observe, tag, system } = product;
    const ids = [
      await observe('s1', `LC${tag}11`),
      await observe('s2', `LC${tag}12`),
      await observe('s3', `LC${tag}13`),
    ];
    const page = (id: string) => gql({ query: CUSTOMER_PAGE, variables: { id } });

    // Steady load from four clients until told to stop; every answer is kept.
    const answers: { status: number; body: any; at: number }[] = [];
    let running = true;
    const load = Array.from({ length: 4 }, async (_, worker) => {
      for (let i = worker; running; i++) {
        const id = ids[i % ids.length]!;
        const res = await page(id);
        answers.push({ status: res.status, body: res.body, at: Date.now() });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = await sentinels.masterPort();
    const { from, to } = await sentinels.failover();
    const failedOverAt = Date.now();
    expect(from).toBe(before);
    expect(to).not.toBe(from);
    // Keep the load on while the clients notice the switch.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    running = false;
    await Promise.all(load);

    expect(answers.filter((a) => a.at > failedOverAt).length).toBeGreaterThan(0);
    const bad = answers.filter((a) => a.status !== 200 || a.body.errors || !a.body.data?.customer);
    expect(bad).toEqual([]);
    for (const a of answers) expect(ids).toContain(a.body.data.customer.id);

    // The new master holds the caches now: a page is cached again, and written where the Sentinels point.
    expect((await client.info('replication')).includes('role:master')).toBe(true);
    // Kept from its second miss on: the mark of the first may or may not have reached the new master.
    await page(ids[0]!);
    await page(ids[0]!);
    const cached = await page(ids[0]!);
    expect(cached.headers.get('x-c360-cache')).toBe('hit');

    // Invalidations still travel: the gateway's subscriber followed the failover.
    const merged = await gql({ query: MERGE, variables: { ids: [ids[0], ids[1]] } }, 'steward-app');
    expect(merged.body.errors).toBeUndefined();
    const survivor = merged.body.data.mergeCustomers.id as string;
    const after = await page(survivor);
    expect(after.headers.get('x-c360-cache')).toBeNull();
    expect(recordsOf(after.body)).toEqual([`${system}:s1`, `${system}:s2`]);
  });
});
