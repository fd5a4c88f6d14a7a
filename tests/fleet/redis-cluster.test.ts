import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway } from '@c360/gateway/server';
import { testEnv } from '@c360/test-setup/test-env';
import { RedisCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { createRedis, slotOf, type RedisClient } from '@c360/kit/redis';
import {
  CUSTOMER_PAGE,
  MERGE,
  recordsOf,
  sha256,
  startGatewayOverIdentity,
  type GatewayOverIdentity,
} from './fixtures';
import { startRedisCluster, type RedisCluster } from './redis-servers';

/**
 * c360 on a real Redis Cluster (three masters on 7000-7002): the one Redis
 * factory picks ioredis' Cluster from REDIS_CLUSTER_NODES, the caches never
 * send a command across hash slots (which the cluster refuses), and a gateway
 * with its identity subgraph answers, caches, invalidates on a merge, shares
 * persisted queries and counts rate limits through the cluster.
 */
let cluster: RedisCluster;
let client: RedisClient;
let product: GatewayOverIdentity;
const logger = createLogger('silent');

beforeAll(async () => {
  cluster = await startRedisCluster();
  client = createRedis({ REDIS_CLUSTER_NODES: cluster.nodes });
  product = await startGatewayOverIdentity(
    { REDIS_CLUSTER_NODES: cluster.env },
    { REDIS_CLUSTER_NODES: cluster.nodes },
  );
}, 120_000);

afterAll(async () => {
  await product?.stop();
  client?.disconnect();
  await cluster?.stop();
});

describe('Redis Cluster', () => {
  it('is a real cluster: the factory gives a Cluster client, and the cluster refuses a command across slots', async () => {
    expect(client).toBeInstanceOf(Cluster);
    const [a, b] = ['fleet:a', 'fleet:b'];
    expect(slotOf(a)).not.toBe(slotOf(b));
    await expect(client.del(a, b)).rejects.toThrow(/CROSSSLOT/);
    // Keys with one hash tag share a slot, and a multi-key command on them is accepted.
    expect(slotOf('{fleet}:a')).toBe(slotOf('{fleet}:b'));
    await expect(client.del('{fleet}:a', '{fleet}:b')).resolves.toBe(0);
  });

  it('deletes and invalidates tagged entries spread over every node', async () => {
    const prefix = `test:${randomUUID()}:`;
    const cache = RedisCache.connectTo({ REDIS_CLUSTER_NODES: cluster.nodes }, logger, prefix);
    await cache.ready(5000);
    try {
      const keys = Array.from({ length: 60 }, (_, i) => `entry:${i}`);
      // The entries land on every master. (A key's slot is CRC16 of it: how many of these 60 share a slot depends on the
      // random prefix, and a count of distinct slots failed once; that none of 3 masters gets none is 1 - 3(2/3)^60.)
      const ranges = await client.cluster('SLOTS');
      const masterOf = (key: string) => {
        const slot = slotOf(prefix + key);
        return ranges.find(([from, to]) => slot >= from && slot <= to)![2]![1];
      };
      expect(new Set(keys.map(masterOf)).size).toBe(cluster.nodes.length);
      for (const [i, key] of keys.entries()) {
        await cache.set(key, `value ${i}`, 60);
        await cache.tag([`customer:${i % 3}`, 'all'], key, 60);
      }
      expect(await cache.get('entry:7')).toBe('value 7');
      // Every entry of customer 1 goes; the others stay.
      expect(await cache.invalidateTags(['customer:1'])).toBe(20);
      expect(await cache.get('entry:1')).toBeUndefined();
      expect(await cache.get('entry:2')).toBe('value 2');
      await cache.delete(keys.slice(0, 30));
      expect(await cache.get('entry:2')).toBeUndefined();
      expect(await cache.get('entry:32')).toBe('value 32');
      // What is left, whichever tag still lists it.
      expect(await cache.invalidateTags(['all'])).toBe(keys.slice(30).filter((_, i) => (i + 30) % 3 !== 1).length);
      expect(await cache.get('entry:32')).toBeUndefined();
    } finally {
      await cache.close();
    }
  });

  it('keeps the gateway ready while identity answers, naming the sources that are down', async () => {
    // The subgraphs' states are for operators (production): the ops client's key.
    const ready = await fetch(product.gateway.url.replace(/\/graphql$/, '/ready'), {
      headers: { 'x-api-key': product.keys.ops! },
    });
    const body = (await ready.json()) as { status: string; subgraphs: Record<string, string> };
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.subgraphs.identity).toBe('up');
    expect(body.subgraphs.crm).toBe('down');
  });

  it('refuses to start a gateway whose readiness names a subgraph the supergraph does not have', async () => {
    await expect(
      startGateway({
        config: loadGatewayConfig(testEnv({ REDIS_URL: undefined, GATEWAY_READY_SUBGRAPHS: 'identity,crmm' })),
        logger,
        redis: null,
      }),
    ).rejects.toThrow(/GATEWAY_READY_SUBGRAPHS: unknown subgraph "crmm"; expected all, none or names among .*identity/);
  });

  it('serves the gateway: cached pages, a merge dropping them, persisted queries and rate limits', async () => {
    const { gql, observe, tag, system } = product;
    const survivor = await observe('a', `LC${tag}01`);
    expect(await observe('a2', `LC${tag}01`)).toBe(survivor);
    const other = await observe('b', `LC${tag}02`);

    const page = (id: string) => gql({ query: CUSTOMER_PAGE, variables: { id } });
    const first = await page(survivor);
    expect(first.body).toEqual({
      data: { customer: { id: survivor, sourceRecords: expect.any(Array) } },
    });
    expect(recordsOf(first.body)).toEqual([`${system}:a`, `${system}:a2`]);
    // Kept from its second miss on (the admission mark and the answer live in different slots).
    expect((await page(survivor)).headers.get('x-c360-cache')).toBeNull();
    const third = await page(survivor);
    expect(third.headers.get('x-c360-cache')).toBe('hit');

    const merged = await gql({ query: MERGE, variables: { ids: [survivor, other] } }, 'steward-app');
    expect(merged.body).toEqual({ data: { mergeCustomers: { id: survivor } } });
    // The merge is published by identity and heard by the gateway: the cached page is gone.
    const after = await page(survivor);
    expect(after.headers.get('x-c360-cache')).toBeNull();
    expect(recordsOf(after.body)).toEqual([`${system}:a`, `${system}:a2`, `${system}:b`]);

    // Automatic persisted queries: registered with the text, then run by hash alone.
    const hash = sha256(CUSTOMER_PAGE);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const registered = await gql({ query: CUSTOMER_PAGE, variables: { id: other }, extensions });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await gql({ variables: { id: other }, extensions });
    expect(byHash.body).toEqual(registered.body);

    // The rate limit (8 a minute) is counted in the cluster.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await gql({ query: '{ __typename }' }, 'limited')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
  });
});
