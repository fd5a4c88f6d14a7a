import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@c360/test-setup/ports';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { writeClientsFile } from '@c360/gateway/testing';
import { generateSecret } from '@c360/kit/auth';
import { REPO_ROOT } from '@c360/embedded/product';
import { post } from '../gateway-access/fixtures';
import { TEST_ENV } from '@c360/test-setup/test-env';

/**
 * The gateway as its own process (`npm run gateway`), serving a supergraph
 * that has nothing to do with customers — a products/reviews graph of two
 * subgraphs composed here — as a federation conformance suite would run it:
 * entities resolved across subgraphs, with every plugin of ours in the way
 * (API keys, operation limits, request ids, metrics).
 */
const PRODUCTS = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    products: [Product!]!
  }
  type Product @key(fields: "upc") {
    upc: ID!
    name: String!
  }
`;
const REVIEWS = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Product @key(fields: "upc") {
    upc: ID!
    reviews: [Review!]!
  }
  type Review {
    stars: Int!
    body: String!
  }
`;
const catalogue = [
  { upc: '1', name: 'Table' },
  { upc: '2', name: 'Chair' },
];
const reviews: Record<string, { stars: number; body: string }[]> = {
  '1': [{ stars: 5, body: 'Solid.' }],
  '2': [],
};

const servers: ApolloServer[] = [];
let gatewayProcess: ChildProcess;
let url: string;
let key: string;
let operatorKey: string;

async function serve(typeDefs: string, resolvers: Record<string, any>): Promise<string> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  servers.push(server);
  const { url: served } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return served;
}

let port: number;

beforeAll(async () => {
  const productsUrl = await serve(PRODUCTS, {
    Query: { products: () => catalogue },
    Product: { __resolveReference: (ref: { upc: string }) => catalogue.find((p) => p.upc === ref.upc) },
  });
  const reviewsUrl = await serve(REVIEWS, { Product: { reviews: (p: { upc: string }) => reviews[p.upc] ?? [] } });
  const composed = composeServices([
    { name: 'products', url: productsUrl, typeDefs: parse(PRODUCTS) },
    { name: 'reviews', url: reviewsUrl, typeDefs: parse(REVIEWS) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const dir = mkdtempSync(path.join(tmpdir(), 'c360-any-supergraph-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const clients = writeClientsFile(
    [
      { name: 'conformance', scopes: ['customer:read'] },
      { name: 'monitoring', scopes: ['operator'] },
    ],
    dir,
  );
  key = clients.keys.conformance!;
  operatorKey = clients.keys.monitoring!;
  // The port a conformance suite would choose: a free one, given on the command line.
  port = await freePort();

  gatewayProcess = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'gateway/src/index.ts',
      '--supergraph',
      supergraphPath,
      '--port',
      String(port),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        C360_MODE: 'production',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        CLIENTS_PATH: clients.path,
        SUBGRAPH_SHARED_SECRET: generateSecret(),
        REDIS_URL: TEST_ENV.REDIS_URL,
        GATEWAY_REDIS_PREFIX: `c360:test:any:${Date.now()}:`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the gateway did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = output.match(/"url":"(http:\/\/127\.0\.0\.1:\d+\/graphql)"[^\n]*"msg":"gateway listening"/);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    };
    gatewayProcess.stdout!.on('data', read);
    gatewayProcess.stderr!.on('data', read);
    gatewayProcess.on('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${output}`)));
  });
}, 90_000);

afterAll(async () => {
  if (gatewayProcess && gatewayProcess.exitCode === null) {
    const exited = new Promise((resolve) => gatewayProcess.once('exit', resolve));
    gatewayProcess.kill('SIGTERM');
    await exited;
  }
  await Promise.all(servers.map((s) => s.stop()));
});

describe('the gateway over a supergraph of someone else', () => {
  it('resolves entities across its subgraphs, on the supergraph and port given on its command line', async () => {
    expect(url).toBe(`http://127.0.0.1:${port}/graphql`);
    const res = await post(
      url,
      { query: '{ products { upc name reviews { stars body } } }' },
      { 'x-api-key': key, 'x-request-id': 'conformance-1' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('conformance-1');
    expect(res.body).toEqual({
      data: {
        products: [
          { upc: '1', name: 'Table', reviews: [{ stars: 5, body: 'Solid.' }] },
          { upc: '2', name: 'Chair', reviews: [] },
        ],
      },
    });
  });

  it('keeps every plugin: credentials required, operation limits, metrics', async () => {
    const anonymous = await post(url, { query: '{ products { upc } }' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: products { upc }`).join(' ');
    const bomb = await post(url, { query: `{ ${aliases} }` }, { 'x-api-key': key });
    expect(bomb.status).toBe(400);
    expect(bomb.body.errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');

    const metrics = await (
      await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { 'x-api-key': operatorKey } })
    ).text();
    expect(metrics).toMatch(
      /^c360_gateway_subgraph_fetch_duration_seconds_count\{subgraph="reviews",outcome="success"\} \d+$/m,
    );
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => gatewayProcess.once('exit', resolve));
    gatewayProcess.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
