/**
 * Private Redis topologies for the fleet tests: a real Redis Cluster (three
 * masters, `redis-server --cluster-enabled yes`, joined by `redis-cli
 * --cluster create`) and a real Sentinel setup (a master, one replica, three
 * Sentinels). Each runs on its own ports with its own files under a temporary
 * folder, never touching the shared Redis on 6379, and is shut down by `stop()`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pollFor } from '@c360/test-setup/waiting';

const run = promisify(execFile);

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 });
  return stdout.trim();
}

/** Polls until `check` holds, after saying on stderr what it waits for (redis-cli errors mean not yet). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await pollFor(
    what,
    'redis-cli',
    async () => {
      try {
        return await check();
      } catch {
        return false; // not yet
      }
    },
    {
      timeoutMs,
      hint: 'The fleet tests start their own redis-server processes on ports 7000-7008 and 26379-26381: is another process holding one (`ss -ltnp | grep -E ":(700[0-8]|2637[9]|2638[01])"`)? Is redis-server on the PATH?',
    },
  );
}

async function startServer(dir: string, port: number, extra: string[] = []): Promise<void> {
  // A server left over from an interrupted run would join the wrong topology: stop it first.
  await cli(port, 'shutdown', 'nosave').catch(() => {});
  await run('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'yes',
    '--pidfile',
    path.join(dir, `redis-${port}.pid`),
    '--logfile',
    path.join(dir, `redis-${port}.log`),
    ...extra,
  ]);
  await until(`redis-server on ${port}`, async () => (await cli(port, 'ping')) === 'PONG');
}

export interface RedisCluster {
  nodes: { host: string; port: number }[];
  /** REDIS_CLUSTER_NODES for the product. */
  env: string;
  stop(): Promise<void>;
}

/** Three masters on `ports`, every slot assigned, cluster_state:ok on each. */
export async function startRedisCluster(ports = [7000, 7001, 7002]): Promise<RedisCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'c360-redis-cluster-'));
  const stop = async () => {
    await Promise.all(ports.map((port) => cli(port, 'shutdown', 'nosave').catch(() => {})));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      await startServer(dir, port, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '2000',
      ]);
    }
    await run(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 30_000 },
    );
    for (const port of ports) {
      await until(`cluster_state:ok on ${port}`, async () =>
        (await cli(port, 'cluster', 'info')).includes('cluster_state:ok'),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
  return { nodes, env: nodes.map((n) => `${n.host}:${n.port}`).join(','), stop };
}

export interface RedisSentinels {
  name: string;
  /** REDIS_SENTINELS for the product. */
  env: string;
  /** The port of the current master, as the Sentinels see it. */
  masterPort(): Promise<number>;
  /** `SENTINEL FAILOVER`: promotes the replica; resolves once the Sentinels name a new master that accepts writes. */
  failover(): Promise<{ from: number; to: number }>;
  stop(): Promise<void>;
}

/** A master and one replica (`dataPorts`) watched by three Sentinels (quorum 2). */
export async function startRedisSentinels(
  dataPorts: [number, number] = [7006, 7007],
  sentinelPorts = [26379, 26380, 26381],
  name = 'c360test',
): Promise<RedisSentinels> {
  const dir = mkdtempSync(path.join(tmpdir(), 'c360-redis-sentinel-'));
  const [masterPort, replicaPort] = dataPorts;
  const stop = async () => {
    await Promise.all([...sentinelPorts, ...dataPorts].map((port) => cli(port, 'shutdown', 'nosave').catch(() => {})));
    rmSync(dir, { recursive: true, force: true });
  };
  const sentinelMaster = async (): Promise<number> => {
    const [, port] = (await cli(sentinelPorts[0]!, 'sentinel', 'get-master-addr-by-name', name)).split('\n');
    return Number(port);
  };
  try {
    await startServer(dir, masterPort);
    await startServer(dir, replicaPort, ['--replicaof', '127.0.0.1', String(masterPort)]);
    await until('the replica in sync', async () =>
      (await cli(replicaPort, 'info', 'replication')).includes('master_link_status:up'),
    );
    for (const port of sentinelPorts) {
      const conf = path.join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      await cli(port, 'shutdown', 'nosave').catch(() => {});
      await run('redis-server', [
        conf,
        '--sentinel',
        '--daemonize',
        'yes',
        '--pidfile',
        path.join(dir, `sentinel-${port}.pid`),
        '--logfile',
        path.join(dir, `sentinel-${port}.log`),
      ]);
      await until(`sentinel on ${port}`, async () => (await cli(port, 'ping')) === 'PONG');
    }
    // Each Sentinel must know the replica (it learns it from the master's INFO) and the other Sentinels.
    for (const port of sentinelPorts) {
      await until(`sentinel ${port} to see the replica and its peers`, async () => {
        const replicas = await cli(port, 'sentinel', 'replicas', name);
        const master = await cli(port, 'sentinel', 'master', name);
        const peers = /num-other-sentinels\n(\d+)/.exec(master)?.[1];
        return replicas.includes(String(replicaPort)) && Number(peers) === sentinelPorts.length - 1;
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    name,
    env: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
    masterPort: sentinelMaster,
    async failover() {
      const from = await sentinelMaster();
      await cli(sentinelPorts[0]!, 'sentinel', 'failover', name);
      let to = from;
      await until(
        'the Sentinels to name a new master that accepts writes',
        async () => {
          to = await sentinelMaster();
          return to !== from && (await cli(to, 'info', 'replication')).includes('role:master');
        },
        30_000,
      );
      return { from, to };
    },
    stop,
  };
}
