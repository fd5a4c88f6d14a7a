/**
 * The bench's all-in-one product, in its own process so that its CPU is its own: the product as
 * `npm start` runs it (subgraphs called in process, caches on), plus a second gateway of the same
 * process with every cache off, also in process. Reports its URLs over IPC.
 */
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { startProduct } from '@c360/embedded/product';
import { startGateway } from '@c360/gateway/server';
import { createLogger } from '@c360/kit/logger';

async function main() {
  const config = loadEmbeddedConfig();
  const logger = createLogger(config.LOG_LEVEL, 'bench-all-in-one');
  const product = await startProduct(config, logger, { pollFeeds: false, truthPath: process.env.BENCH_TRUTH_PATH });
  const nocache = await startGateway({
    config: { ...config, GATEWAY_CACHE: false },
    logger,
    subgraphSecret: config.SUBGRAPH_SHARED_SECRET?.[0],
    // Its own connection to the product's Redis: rate limits where the product keeps them (only the caches are off).
    inProcess: config.GATEWAY_IN_PROCESS,
    subgraphUrls: product.gateway.subgraphs,
  });
  const stop = async () => {
    await nocache.stop();
    await product.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.send?.({
    ready: { cached: product.gateway.url, nocache: nocache.url, neo4jPid: product.neo4j?.pid ?? null },
  });
}

main().catch((err: Error) => {
  console.error(`bench all-in-one failed: ${err.stack}`);
  process.exit(1);
});
