/**
 * `npm run gateway`: the gateway alone, as it runs in production — one
 * stateless process per replica in front of subgraphs that run elsewhere.
 * It serves the supergraph of `SUPERGRAPH_PATH` (any composed supergraph, ours
 * by default) with every plugin: access control, persisted operations,
 * limits, caches, metrics, logs. Subgraph URLs come from the supergraph or
 * from `SUBGRAPH_URL_<NAME>`.
 *
 * SIGTERM and SIGINT stop it (in-flight requests finish first); SIGHUP
 * re-reads the clients file and the persisted-operation manifests.
 */
import { ConfigError } from '@c360/kit/config';
import { configureShutdown } from '@c360/kit/http';
import { createLogger } from '@c360/kit/logger';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

export async function main(): Promise<void> {
  let config;
  try {
    config = loadGatewayConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee "Configuration" in README.md.`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL, 'c360-gateway');
  configureShutdown({ drainMs: config.SHUTDOWN_DRAIN_MS });
  const gateway = await startGateway({ config, logger });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await gateway.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // SIGHUP (re-read the clients file and the manifests) is handled by the gateway's reloader.
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`the gateway failed to start: ${err.message}`);
    process.exit(1);
  });
}
