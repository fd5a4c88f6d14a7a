import { z } from 'zod';
import { parseEnv, port } from '../../subgraphs/shared/src/config';

/** Gateway settings, from the environment. Nothing else in the gateway reads process.env. */
export const gatewayEnv = {
  /** development: anonymous local use, Sandbox; production: locked down. */
  C360_MODE: z.enum(['development', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Composed supergraph SDL to serve; the checked-in one by default. */
  SUPERGRAPH_PATH: z.string().optional(),
  /** Budget of one subgraph fetch in milliseconds. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Consecutive failed fetches (timeout, refused, 5xx) that open a subgraph's circuit breaker. */
  SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().positive().default(5),
  /** How long an open breaker fails fast before it lets one trial fetch through, in milliseconds. */
  SUBGRAPH_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(10_000),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return { ...parseEnv(gatewayEnv, env), subgraphUrls: subgraphUrlsFrom(env) };
}

/** SUBGRAPH_URL_<NAME> overrides the routing URL composed into the supergraph. */
export function subgraphUrlsFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(key);
    if (match && value) subgraphUrls[match[1]!.toLowerCase()] = value;
  }
  return subgraphUrls;
}
