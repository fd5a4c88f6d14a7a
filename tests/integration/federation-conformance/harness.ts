import { randomUUID } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway, type RunningGateway } from '@c360/gateway/server';
import { writeClientsFile } from '@c360/gateway/testing';
import { generateSecret } from '@c360/kit/auth';
import { createLogger } from '@c360/kit/logger';
import { TEST_ENV } from '@c360/test-setup/test-env';

/**
 * One federation feature on a small supergraph of its own: its subgraphs are
 * built with @apollo/subgraph here and composed with @apollo/composition, then
 * served by three gateways —
 * - c360's gateway with every plugin and cache on (production mode: API key,
 *   limits, PII guard, request log, metrics, fetch cache and response cache in Redis),
 * - c360's gateway with its caches off,
 * - vanilla @apollo/gateway in a bare Apollo Server —
 * and every query's answer must be the same text from all of them — c360's
 * cached gateway asked three times: a first miss (answered as without a cache),
 * a second miss (fetched through the fetch cache and kept) and warm (served
 * from its caches) — and the answer the test expects.
 * The subgraphs allow caching (Cache-Control max-age) so that the caches
 * really keep their fetches.
 */
export interface FeatureSubgraph {
  name: string;
  typeDefs: string;
  resolvers: Record<string, any>;
}

export interface Conformance {
  /** Asks the query of every gateway (c360's cached one three times) and returns the answers by gateway. */
  answers(query: string, variables?: Record<string, unknown>): Promise<Record<string, string>>;
  /** Asserts that every gateway answers `expected`, to the letter. */
  expectAnswer(query: string, expected: unknown, variables?: Record<string, unknown>): Promise<void>;
  /** Subgraph calls so far, by subgraph name. */
  calls: Record<string, number>;
  stop(): Promise<void>;
}

const FEDERATION = 'https://specs.apollo.dev/federation/v2.7';

/** The `@link` of a subgraph importing the given federation directives. */
export function link(...directives: string[]): string {
  return `extend schema @link(url: "${FEDERATION}", import: [${directives.map((d) => JSON.stringify(d)).join(', ')}])`;
}

export async function startConformance(subgraphs: FeatureSubgraph[]): Promise<Conformance> {
  const calls: Record<string, number> = {};
  const servers: { stop(): Promise<void> }[] = [];
  const services = [];
  for (const subgraph of subgraphs) {
    calls[subgraph.name] = 0;
    const server = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs: parse(subgraph.typeDefs), resolvers: subgraph.resolvers }),
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        // Every answer may be cached for a minute: the c360 caches keep what they can.
        ApolloServerPluginCacheControl({ defaultMaxAge: 60 }),
        {
          async requestDidStart() {
            calls[subgraph.name] = (calls[subgraph.name] ?? 0) + 1;
          },
        },
      ],
    });
    servers.push(server);
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    services.push({ name: subgraph.name, url, typeDefs: parse(subgraph.typeDefs) });
  }
  const composed = composeServices(services);
  if (composed.errors) throw new Error(`composition failed:\n${composed.errors.map((e) => e.message).join('\n')}`);
  const supergraphSdl = composed.supergraphSdl;
  const dir = mkdtempSync(path.join(tmpdir(), 'c360-conformance-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphSdl);
  const clients = writeClientsFile([{ name: 'conformance', scopes: ['customer:read'] }], dir);
  const secret = generateSecret();
  const logger = createLogger('silent');

  const c360 = async (cache: boolean): Promise<RunningGateway> =>
    startGateway({
      config: loadGatewayConfig({
        C360_MODE: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        SUPERGRAPH_PATH: supergraphPath,
        CLIENTS_PATH: clients.path,
        SUBGRAPH_SHARED_SECRET: secret,
        REDIS_URL: TEST_ENV.REDIS_URL,
        GATEWAY_REDIS_PREFIX: `c360:test:conformance:${randomUUID()}:`,
        GATEWAY_CACHE: String(cache),
        GATEWAY_RESPONSE_CACHE: String(cache),
        PERSISTED_DOCUMENTS_DIR: dir,
      }),
      logger,
    });
  const cached = await c360(true);
  servers.push(cached);
  const uncached = await c360(false);
  servers.push(uncached);
  const vanillaServer = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl }),
    includeStacktraceInErrorResponses: false,
  });
  const vanilla = await startStandaloneServer(vanillaServer, { listen: { port: 0, host: '127.0.0.1' } });
  servers.push(vanillaServer);

  const ask = async (url: string, headers: Record<string, string>, query: string, variables?: object) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return `${response.status} ${await response.text()}`.trim();
  };
  const key = { 'x-api-key': clients.keys.conformance! };

  const answers: Conformance['answers'] = async (query, variables) => ({
    vanilla: await ask(vanilla.url, {}, query, variables),
    'c360 without caches': await ask(uncached.url, key, query, variables),
    'c360 with caches, first miss': await ask(cached.url, key, query, variables),
    'c360 with caches, kept': await ask(cached.url, key, query, variables),
    'c360 with caches, warm': await ask(cached.url, key, query, variables),
  });

  return {
    calls,
    answers,
    async expectAnswer(query, expected, variables) {
      const got = await answers(query, variables);
      const want = `200 ${JSON.stringify(expected)}`;
      expect(got).toEqual({
        vanilla: want,
        'c360 without caches': want,
        'c360 with caches, first miss': want,
        'c360 with caches, kept': want,
        'c360 with caches, warm': want,
      });
    },
    async stop() {
      for (const server of servers.reverse()) await server.stop();
    },
  };
}
