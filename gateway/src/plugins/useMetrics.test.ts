import { useMetrics } from './useMetrics';

/** Runs one request through the plugin's hooks, the way Apollo Server does, ending with `result`. */
async function request(
  plugin: ReturnType<typeof useMetrics>,
  operationName: string | undefined,
  result: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] },
) {
  const context = {
    operationName,
    request: {},
    response: { body: { kind: 'single', singleResult: result } },
  } as never;
  const listener = await plugin.requestDidStart!(context);
  await listener!.willSendResponse!(context);
}

const lines = async (plugin: ReturnType<typeof useMetrics>, name: string) =>
  (await plugin.registry.metrics()).split('\n').filter((line) => line.startsWith(`${name}{`));

describe('useMetrics', () => {
  it('counts requests by operation name and outcome, and errors by code', async () => {
    const plugin = useMetrics({ processMetrics: false });
    await request(plugin, 'Page', { data: { a: 1 } });
    await request(plugin, 'Page', {
      data: { a: null },
      errors: [{ message: 'x', extensions: { code: 'SUBGRAPH_TIMEOUT' } }],
    });
    await request(plugin, undefined, {
      errors: [{ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
    await request(plugin, undefined, { data: null, errors: [{ message: 'no code' }] });
    expect(await lines(plugin, 'c360_gateway_requests_total')).toEqual([
      'c360_gateway_requests_total{operation_name="Page",outcome="success"} 1',
      'c360_gateway_requests_total{operation_name="Page",outcome="partial"} 1',
      'c360_gateway_requests_total{operation_name="anonymous",outcome="error"} 2',
    ]);
    expect(await lines(plugin, 'c360_gateway_errors_total')).toEqual([
      'c360_gateway_errors_total{code="SUBGRAPH_TIMEOUT"} 1',
      'c360_gateway_errors_total{code="GRAPHQL_PARSE_FAILED"} 1',
      'c360_gateway_errors_total{code="UNKNOWN"} 1',
    ]);
  });

  it('keeps at most maxOperationNames names as labels; later new names count as other', async () => {
    const plugin = useMetrics({ processMetrics: false, maxOperationNames: 2, prefix: 'x_' });
    for (const name of ['A', 'B', 'C', 'A', 'D']) await request(plugin, name, { data: {} });
    expect(await lines(plugin, 'x_requests_total')).toEqual([
      'x_requests_total{operation_name="A",outcome="success"} 2',
      'x_requests_total{operation_name="B",outcome="success"} 1',
      'x_requests_total{operation_name="other",outcome="success"} 2',
    ]);
  });

  it('exports subgraph fetches, failures and breaker states from the data source hooks', async () => {
    const plugin = useMetrics({ processMetrics: false });
    plugin.subgraphs.breakerChanged('shop', 'closed');
    plugin.subgraphs.fetched('shop', { seconds: 0.02 });
    plugin.subgraphs.fetched('shop', { seconds: 0.3, failure: 'SUBGRAPH_TIMEOUT' });
    plugin.subgraphs.fetched('shop', { failure: 'SUBGRAPH_UNAVAILABLE' });
    plugin.subgraphs.breakerChanged('shop', 'open');
    expect(await lines(plugin, 'c360_gateway_subgraph_fetch_duration_seconds_count')).toEqual([
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="shop",outcome="success"} 1',
      'c360_gateway_subgraph_fetch_duration_seconds_count{subgraph="shop",outcome="failure"} 1',
    ]);
    expect(await lines(plugin, 'c360_gateway_subgraph_failures_total')).toEqual([
      'c360_gateway_subgraph_failures_total{subgraph="shop",code="SUBGRAPH_TIMEOUT"} 1',
      'c360_gateway_subgraph_failures_total{subgraph="shop",code="SUBGRAPH_UNAVAILABLE"} 1',
    ]);
    expect(await lines(plugin, 'c360_gateway_subgraph_breaker_state')).toEqual([
      'c360_gateway_subgraph_breaker_state{subgraph="shop",state="closed"} 0',
      'c360_gateway_subgraph_breaker_state{subgraph="shop",state="open"} 1',
      'c360_gateway_subgraph_breaker_state{subgraph="shop",state="half-open"} 0',
    ]);
  });

  it('counts requests refused before GraphQL ran, in errors too, and operations done without Redis', async () => {
    const plugin = useMetrics({ processMetrics: false });
    plugin.refused('RATE_LIMITED');
    plugin.refused('RATE_LIMITED');
    plugin.refused('UNAUTHENTICATED');
    plugin.redisDegraded('rate_limit');
    plugin.redisDegraded('apq');
    expect(await lines(plugin, 'c360_gateway_refused_requests_total')).toEqual([
      'c360_gateway_refused_requests_total{code="RATE_LIMITED"} 2',
      'c360_gateway_refused_requests_total{code="UNAUTHENTICATED"} 1',
    ]);
    expect(await lines(plugin, 'c360_gateway_errors_total')).toEqual([
      'c360_gateway_errors_total{code="RATE_LIMITED"} 2',
      'c360_gateway_errors_total{code="UNAUTHENTICATED"} 1',
    ]);
    expect(await lines(plugin, 'c360_gateway_redis_degraded_total')).toEqual([
      'c360_gateway_redis_degraded_total{component="rate_limit"} 1',
      'c360_gateway_redis_degraded_total{component="apq"} 1',
    ]);
  });
});
