/**
 * `npm run gateway`: the gateway alone, as it runs in production — one
 * stateless process per replica in front of subgraphs that run elsewhere.
 * It serves the supergraph of `SUPERGRAPH_PATH` (any composed supergraph, ours
 * by default) with every plugin: access control, persisted operations,
 * limits, caches, metrics, logs. Subgraph URLs come from the supergraph or
 * from `SUBGRAPH_URL_<NAME>`.
 *
 * `--supergraph FILE` and `--port N` (also `--host H`) stand for SUPERGRAPH_PATH,
 * PORT and HOST, so that a third-party conformance suite can start it on the
 * supergraph and port it chooses: `npm run gateway -- --supergraph s.graphql --port 4400`.
 *
 * SIGTERM and SIGINT stop it (in-flight requests finish first); SIGHUP
 * re-reads the clients file and the persisted-operation manifests.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '@c360/kit/config';
import { configureShutdown, stopOnSignals } from '@c360/kit/http';
import { createLogger } from '@c360/kit/logger';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

/** The environment with the command line's options over it (positionals, such as a CLI's subcommand, are ignored). */
function environment(argv: string[]): NodeJS.ProcessEnv {
  const { values } = parseArgs({
    args: argv,
    options: { supergraph: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  return {
    ...process.env,
    ...(values.supergraph ? { SUPERGRAPH_PATH: values.supergraph } : {}),
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let config;
  try {
    let env: NodeJS.ProcessEnv;
    try {
      env = environment(argv);
    } catch (err) {
      console.error(`${(err as Error).message}\nUsage: npm run gateway -- [--supergraph FILE] [--port N] [--host H]`);
      process.exit(2);
    }
    config = loadGatewayConfig(env);
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

  stopOnSignals(() => gateway.stop(), logger);
  // SIGHUP (re-read the clients file and the manifests) is handled by the gateway's reloader.
}

if (require.main === module) {
  main().catch((err: Error) => {
    if (err instanceof ConfigError) {
      // Settings checked at start (production secrets, JWT, the clients file): all listed, exit 2 like the env's.
      console.error(`${err.message}\nSee "Configuration" in README.md.`);
      process.exit(2);
    }
    console.error(`the gateway failed to start: ${err.message}`);
    process.exit(1);
  });
}
