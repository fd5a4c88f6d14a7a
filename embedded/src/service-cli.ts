/**
 * One service of the distributed topology in this process: `service-cli <name>`
 * (gateway, identity, crm, commerce, stores, web, support, surveys, consent, profile, privacy).
 * Settings from the environment (see embedded/src/config.ts and service.ts). When forked by
 * the supervisor, it reports the URL it serves over IPC once it is ready.
 */
import { ConfigError } from '@c360/kit/config';
import { stopOnSignals } from '@c360/kit/http';
import { createLogger } from '@c360/kit/logger';
import { loadEmbeddedConfig } from './config';
import { isServiceName, SERVICE_NAMES, startService } from './service';

/** Runs one service until SIGINT/SIGTERM; what `c360 start --only <name>` calls. */
export async function runService(name: string): Promise<void> {
  if (!isServiceName(name)) {
    console.error(`Usage: service-cli <${SERVICE_NAMES.join('|')}> (got "${name}")`);
    process.exit(2);
  }
  let config;
  try {
    config = loadEmbeddedConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee "Configuration" in README.md.`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL, `c360-${name}`);
  const service = await startService(name, config, logger);
  // The supervisor's IPC channel going away means it is gone: do not stay behind as an orphan.
  stopOnSignals(() => service.stop(), logger, ['disconnect']);
  process.send?.({ ready: service.url });
  logger.info({ url: service.url }, `${name} ready`);
}

if (require.main === module) {
  runService(process.argv[2] ?? '').catch((err: Error) => {
    console.error(`${process.argv[2] ?? 'service'} failed to start: ${err.message}`);
    process.exit(1);
  });
}
