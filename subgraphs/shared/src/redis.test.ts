import { Cluster } from 'ioredis';
import { ConfigError, parseEnv } from './config';
import { bySlot, createRedis, redisEnv, redisProblems, redisTopology, slotOf } from './redis';

/** Parses the Redis variables as every process's config does (parseEnv, then redisProblems). */
function loadRedisConfig(env: NodeJS.ProcessEnv) {
  const config = parseEnv(redisEnv, env);
  const problems = redisProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Choosing the Redis by environment, and what a misconfiguration says. */
describe('Redis settings', () => {
  it('picks a server, a Cluster or Sentinel from the variables', () => {
    const server = loadRedisConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' });
    expect(redisTopology(server)).toBe('server');
    const cluster = loadRedisConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-1.internal:7001' });
    expect(cluster.REDIS_CLUSTER_NODES).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-1.internal', port: 7001 },
    ]);
    expect(redisTopology(cluster)).toBe('cluster');
    const sentinel = loadRedisConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'c360' });
    expect(redisTopology(sentinel)).toBe('sentinel');
    expect(sentinel.REDIS_SENTINEL_NAME).toBe('c360');
    expect(redisTopology(loadRedisConfig({}))).toBeNull();
  });

  it('refuses malformed node lists and more than one Redis, naming the variables', () => {
    expect(() => loadRedisConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrow(
      /REDIS_CLUSTER_NODES: expected host:port items separated by commas, got "10.0.0.1"/,
    );
    expect(() => loadRedisConfig({ REDIS_SENTINELS: 's1:99999' })).toThrow(/REDIS_SENTINELS/);
    let error: unknown;
    try {
      loadRedisConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_SENTINELS: 's1:26379' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'REDIS_URL, REDIS_SENTINELS: set one of them, not several (they each name a whole Redis)',
    ]);
  });

  it('gives a Cluster client for cluster nodes, and refuses to open a Redis nobody configured', () => {
    const client = createRedis({ REDIS_CLUSTER_NODES: [{ host: '127.0.0.1', port: 1 }] });
    try {
      expect(client).toBeInstanceOf(Cluster);
    } finally {
      client.disconnect();
    }
    expect(() => createRedis({})).toThrow(/no Redis configured: set REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS/);
  });

  it('groups keys by hash slot, keeping hash-tagged keys together', () => {
    const keys = ['{customer:1}:a', '{customer:1}:b', 'x', 'y'];
    const groups = bySlot(keys);
    expect(groups).toContainEqual(['{customer:1}:a', '{customer:1}:b']);
    expect(groups.flat().sort()).toEqual([...keys].sort());
    for (const group of groups) expect(new Set(group.map(slotOf)).size).toBe(1);
  });
});
