import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { listen, type RunningServer } from '../../subgraphs/shared/src/http';
import type { Logger } from '../../subgraphs/shared/src/logger';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './datasource';
import { useMetrics } from './plugins/useMetrics';

export const DEFAULT_SUPERGRAPH_PATH = path.join(__dirname, '..', '..', 'graph-schema', 'supergraph.graphql');

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  /** Routing URLs by subgraph name, overriding the supergraph's (e.g. ports picked at run time). */
  subgraphUrls?: Record<string, string>;
}

export interface RunningGateway extends RunningServer {
  /** Subgraph name → routing URL actually used. */
  subgraphs: Record<string, string>;
}

/**
 * Starts the gateway: the composed supergraph served by Apollo Server on
 * /graphql, plus /live (liveness), /ready and /health (readiness) and
 * /metrics (Prometheus).
 */
export async function startGateway({ config, logger, subgraphUrls = {} }: GatewayOptions): Promise<RunningGateway> {
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH, 'utf8');
  const subgraphs: Record<string, string> = {};
  let supergraphLoaded = false;
  const metrics = useMetrics();

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: logger.child({ component: 'gateway' }),
    buildService: ({ name, url }) => {
      const routed = subgraphUrls[name] ?? config.subgraphUrls[name] ?? url;
      if (!routed) throw new Error(`No routing URL for subgraph "${name}": set SUBGRAPH_URL_${name.toUpperCase()}`);
      subgraphs[name] = routed;
      return new SubgraphDataSource({
        name,
        url: routed,
        timeoutMs: config.subgraphTimeouts[name] ?? config.SUBGRAPH_TIMEOUT_MS,
        breaker: {
          failureThreshold: config.SUBGRAPH_BREAKER_FAILURES,
          cooldownMs: config.SUBGRAPH_BREAKER_COOLDOWN_MS,
        },
        logger: logger.child({ component: 'gateway' }),
        observer: metrics.subgraphs,
      });
    },
  });
  gateway.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });

  const development = config.C360_MODE === 'development';
  const server = new ApolloServer({
    gateway,
    logger: logger.child({ component: 'apollo' }),
    introspection: development,
    includeStacktraceInErrorResponses: development,
    // The process owns shutdown (it stops every part in order), not each server.
    stopOnTerminationSignals: false,
    plugins: [
      metrics,
      development
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  /** Ready when the supergraph is loaded and every subgraph's /health answers 200; the body names each subgraph's state. */
  const readiness: express.RequestHandler = async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphs).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(1000) });
          return { name, up: response.ok };
        } catch {
          return { name, up: false };
        }
      }),
    );
    const healthy = supergraphLoaded && checks.length > 0 && checks.every((c) => c.up);
    res.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unavailable',
      supergraphLoaded,
      subgraphs: Object.fromEntries(checks.map((c) => [c.name, c.up ? 'up' : 'down'])),
    });
  };
  app.get('/ready', readiness);
  // /health kept as the walking skeleton defined it (dependency-checking), for the clients that already use it.
  app.get('/health', readiness);
  // Liveness: the process is up and serving HTTP. Never checks dependencies, so that an orchestrator
  // does not restart healthy gateways because a subgraph is down.
  app.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server));
  app.get('/', (_req, res) => res.redirect('/graphql'));

  const running = await listen('gateway', app, config.HOST, config.PORT, '/graphql', () => server.stop());
  logger.info({ url: running.url, subgraphs }, 'gateway listening');
  return { ...running, subgraphs };
}
