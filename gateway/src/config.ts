import { z } from 'zod';
import { ConfigError, parseEnv, port } from '../../subgraphs/shared/src/config';

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
  return { ...parseEnv(gatewayEnv, env), ...subgraphOverridesFrom(env) };
}

/** Settings named per subgraph (`<PREFIX><NAME>`), keyed by the subgraph's lower-case name. */
function perSubgraph(env: NodeJS.ProcessEnv, prefix: string): [string, string][] {
  const found: [string, string][] = [];
  for (const [key, value] of Object.entries(env)) {
    const name = key.startsWith(prefix) ? key.slice(prefix.length) : '';
    if (/^[A-Z0-9_]+$/.test(name) && value) found.push([name.toLowerCase(), value]);
  }
  return found;
}

/**
 * Per-subgraph overrides: SUBGRAPH_URL_<NAME> replaces the routing URL
 * composed into the supergraph; SUBGRAPH_TIMEOUT_MS_<NAME> replaces
 * SUBGRAPH_TIMEOUT_MS for that subgraph (a slow source need not slow the budget of the others).
 */
export function subgraphOverridesFrom(env: NodeJS.ProcessEnv): {
  subgraphUrls: Record<string, string>;
  subgraphTimeouts: Record<string, number>;
} {
  const problems: string[] = [];
  const subgraphTimeouts: Record<string, number> = {};
  for (const [name, value] of perSubgraph(env, 'SUBGRAPH_TIMEOUT_MS_')) {
    const ms = Number(value);
    if (Number.isInteger(ms) && ms > 0) subgraphTimeouts[name] = ms;
    else
      problems.push(
        `SUBGRAPH_TIMEOUT_MS_${name.toUpperCase()}: expected a positive whole number of milliseconds (got "${value}")`,
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { subgraphUrls: Object.fromEntries(perSubgraph(env, 'SUBGRAPH_URL_')), subgraphTimeouts };
}
