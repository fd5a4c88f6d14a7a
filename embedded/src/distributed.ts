/**
 * `npm start` with C360_TOPOLOGY=distributed: the same product, one Node
 * process per service (every subgraph and the gateway), over HTTP with
 * keep-alive pools, supervised: started in order (the sources together, then
 * identity, then profile and privacy, then the gateway — each level ready before the next), restarted with
 * back-off when one dies (on the same port, so that the others still find
 * it), log lines prefixed with the service, stopped in reverse order. The
 * bundled Neo4j and the demo help desk run beside them when no NEO4J_URI or
 * HELPDESK_URL is given.
 */
import net from 'node:net';
import path from 'node:path';
import { generateSecret } from '@c360/kit/auth';
import type { Logger } from '@c360/kit/logger';
import type { EmbeddedConfig } from './config';
import { startBundledNeo4j } from './neo4j';
import { prepareDatabases, REPO_ROOT, SOURCE_NAMES, startDemoHelpdesk } from './product';
import { serviceCommand, type ServiceName } from './service';
import { forkService, Supervisor, type ServiceProcess } from './supervisor';

/** Start order, by level: what a service calls is up before it; the services of one level start together. */
export const START_LEVELS: readonly (readonly ServiceName[])[] = [
  SOURCE_NAMES,
  ['identity'],
  ['profile', 'privacy'],
  ['gateway'],
];
export const START_ORDER: readonly ServiceName[] = START_LEVELS.flat();

const PORT_SETTING: Record<ServiceName, keyof EmbeddedConfig & string> = {
  gateway: 'PORT',
  identity: 'IDENTITY_PORT',
  crm: 'CRM_PORT',
  commerce: 'COMMERCE_PORT',
  stores: 'STORES_PORT',
  web: 'WEB_PORT',
  support: 'SUPPORT_PORT',
  surveys: 'SURVEYS_PORT',
  consent: 'CONSENT_PORT',
  profile: 'PROFILE_PORT',
  privacy: 'PRIVACY_PORT',
};

export interface Distributed {
  /** The gateway's GraphQL endpoint (absent when the gateway is not among `services`). */
  gatewayUrl: string | null;
  /** Every service's GraphQL endpoint (stable across restarts). */
  urls: Record<string, string>;
  /** The current process of each service (a new one after a restart). */
  processes: Record<string, ServiceProcess>;
  supervisor: Supervisor;
  stop(): Promise<void>;
}

export interface DistributedOptions {
  /** Which services to run. @default every service */
  services?: readonly ServiceName[];
  /** Where the services' prefixed log lines go. @default process.stdout */
  out?: NodeJS.WritableStream;
  /** Environment of the service processes (over the settings this function adds). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Prepare (create, seed) the databases first. @default true */
  prepare?: boolean;
  /** First restart delay of a service that died. @default 500 */
  initialBackoffMs?: number;
}

/**
 * A free TCP port on `host` for a service whose setting is 0; it keeps that port across restarts.
 * Taken below Linux's ephemeral range (32768+), so that the outgoing connections made before the
 * service starts cannot take it meanwhile.
 */
async function freePort(host: string): Promise<number> {
  for (;;) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const server = net.createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false)).listen(candidate, host, () => resolve(true));
    });
    if (bound) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return candidate;
    }
  }
}

export async function startDistributed(
  config: EmbeddedConfig,
  logger: Logger,
  options: DistributedOptions = {},
): Promise<Distributed> {
  const wanted = new Set(options.services ?? START_ORDER);
  const supervisor = new Supervisor({ logger, initialBackoffMs: options.initialBackoffMs });
  const cleanups: (() => Promise<void>)[] = [() => supervisor.stop()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'error while stopping');
      }
    }
    cleanups.length = 0;
  };
  try {
    if (options.prepare ?? true) await prepareDatabases(config, logger);
    const env: NodeJS.ProcessEnv = {
      ...(options.env ?? process.env),
      // One secret for every service, so that subgraphs trust the gateway and the gateway the subgraphs' calls.
      SUBGRAPH_SHARED_SECRET: config.SUBGRAPH_SHARED_SECRET?.join(',') ?? generateSecret(),
      SEED_DEMO: 'false',
    };
    if (!config.NEO4J_URI && (wanted.has('identity') || wanted.size === START_ORDER.length)) {
      const neo4j = await supervisor.add({
        name: 'neo4j',
        start: () =>
          startBundledNeo4j({
            port: config.NEO4J_BOLT_PORT,
            dataDir: path.resolve(REPO_ROOT, config.NEO4J_DATA_DIR),
            logger,
          }),
      });
      env.NEO4J_URI = neo4j.uri;
    }
    if (!config.HELPDESK_URL && wanted.has('support')) {
      const helpdesk = await startDemoHelpdesk(config, logger);
      cleanups.push(() => helpdesk.stop());
      env.HELPDESK_URL = helpdesk.url;
    }
    // Every service's address is fixed before any starts, so that each knows the others' and a
    // restarted one comes back where it was.
    const urls: Record<string, string> = {};
    for (const name of START_ORDER) {
      const configured = config.subgraphUrls[name];
      if (!wanted.has(name) && configured) urls[name] = configured;
      if (!wanted.has(name)) continue;
      const port = Number(config[PORT_SETTING[name]]) || (await freePort(config.HOST));
      env[PORT_SETTING[name]] = String(port);
      urls[name] = `http://${config.HOST}:${port}/graphql`;
    }
    for (const [name, url] of Object.entries(urls)) {
      if (name === 'gateway') env.GATEWAY_URL = url.replace(/\/graphql$/, '');
      else env[`SUBGRAPH_URL_${name.toUpperCase()}`] = url;
    }
    const processes: Record<string, ServiceProcess> = {};
    for (const level of START_LEVELS) {
      await Promise.all(
        level
          .filter((name) => wanted.has(name))
          .map(async (name) => {
            processes[name] = await supervisor.add({
              name,
              start: () => forkService({ name, ...serviceCommand(name), env, out: options.out }),
              restarted: (process) => {
                processes[name] = process;
              },
            });
          }),
      );
    }
    return { gatewayUrl: urls.gateway ?? null, urls, processes, supervisor, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
