/**
 * The bench's all-in-one product, in its own process tree so that its CPU is its own: the product
 * as `npm start` runs it — one worker per core (GATEWAY_WORKERS, embedded/src/cluster.ts), each
 * the gateway with every subgraph called in process, caches on — plus, in each worker, a second
 * gateway with every cache off, also in process. Reports its URLs over IPC.
 */
import cluster from 'node:cluster';
import { loadEmbeddedConfig, type EmbeddedConfig } from '@c360/embedded/config';
import { runWorker, startCluster, workerCount } from '@c360/embedded/cluster';
import { startProduct } from '@c360/embedded/product';
import { startGateway } from '@c360/gateway/server';
import { stopOnSignals } from '@c360/kit/http';
import { createLogger, type Logger } from '@c360/kit/logger';

/** One product (and its cache-less gateway) in this process. */
async function startOne(config: EmbeddedConfig, logger: Logger, followFeeds: boolean) {
  const product = await startProduct(config, logger, {
    pollFeeds: false,
    followFeeds,
    truthPath: process.env.BENCH_TRUTH_PATH,
  });
  const nocache = await startGateway({
    config: { ...config, GATEWAY_CACHE: false },
    logger,
    subgraphSecret: config.SUBGRAPH_SHARED_SECRET?.[0],
    // Its own connection to the product's Redis: rate limits where the product keeps them (only the caches are off).
    inProcess: config.GATEWAY_IN_PROCESS,
    subgraphUrls: product.gateway.subgraphs,
  });
  return {
    product,
    nocache,
    stop: async () => {
      await nocache.stop();
      await product.stop();
    },
  };
}

async function main() {
  const config = loadEmbeddedConfig();
  const logger = createLogger(config.LOG_LEVEL, 'bench-all-in-one');
  if (cluster.isWorker) {
    return runWorker(config, logger, async (followFeeds) => {
      const one = await startOne(config, logger, followFeeds);
      const { url, subgraphs } = one.product.gateway;
      return { ready: { url, subgraphs, extra: { nocache: one.nocache.url } }, stop: one.stop };
    });
  }
  const workers = workerCount(config);
  if (workers > 1) {
    const running = await startCluster(config, logger, {
      workers,
      exec: __filename,
      args: [],
      out: process.stderr,
      start: { truthPath: process.env.BENCH_TRUTH_PATH },
    });
    stopOnSignals(() => running.stop(), logger, ['disconnect']);
    process.send?.({
      ready: { cached: running.url, nocache: running.extra.nocache, neo4jPid: running.neo4j?.pid ?? null, workers },
    });
    return;
  }
  const one = await startOne(config, logger, true);
  stopOnSignals(() => one.stop(), logger, ['disconnect']);
  process.send?.({
    ready: {
      cached: one.product.gateway.url,
      nocache: one.nocache.url,
      neo4jPid: one.product.neo4j?.pid ?? null,
      workers,
    },
  });
}

main().catch((err: Error) => {
  console.error(`bench all-in-one failed: ${err.stack}`);
  process.exit(1);
});
