import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { parse } from 'graphql';
import { startTracing, type Tracing } from './tracing';

const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  type Query {
    hello: String
  }
`);

describe('OpenTelemetry tracing', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let subgraph: ApolloServer;
  let gatewayServer: ApolloServer;

  beforeAll(async () => {
    tracing = startTracing({ processor: new SimpleSpanProcessor(exporter), serviceName: 'c360-gateway-test' });
    subgraph = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs, resolvers: { Query: { hello: () => 'hi' } } }),
    });
    const { url } = await startStandaloneServer(subgraph, { listen: { port: 0, host: '127.0.0.1' } });
    const composed = composeServices([{ name: 'greeter', url, typeDefs }]);
    gatewayServer = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }) });
    await gatewayServer.start();
  });
  afterAll(async () => {
    await gatewayServer.stop();
    await subgraph.stop();
    await tracing.shutdown();
  });

  it('exports the gateway spans of a request, down to the subgraph fetch', async () => {
    const result = await gatewayServer.executeOperation({ query: '{ hello }' });
    expect(result.body.kind === 'single' && result.body.singleResult.data).toEqual({ hello: 'hi' });
    const spans = exporter.getFinishedSpans();
    const names = spans.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']),
    );
    const fetch = spans.find((s) => s.name === 'gateway.fetch')!;
    expect(fetch.attributes['service']).toBe('greeter');
    expect(fetch.resource.attributes['service.name']).toBe('c360-gateway-test');
    // One trace: the fetch is a descendant of the request span.
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
  });
});
