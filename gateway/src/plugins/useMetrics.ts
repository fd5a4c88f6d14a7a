import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState } from '../breaker';
import type { SubgraphObserver } from '../datasource';
import type { FetchCacheObserver } from '../cache/fetch-cache';
import type { ResponseCacheObserver } from './useResponseCache';

export interface MetricsOptions {
  /** Registry the metrics are registered on and served from (one per gateway, so that several can share a process). @default a new Registry */
  registry?: Registry;
  /** Prefix of every metric name. @default 'c360_gateway_' */
  prefix?: string;
  /** Also export Node's process metrics (CPU, memory, event loop lag, GC) under the same prefix. @default true */
  processMetrics?: boolean;
  /** Buckets of the request latency histogram, in seconds. @default [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] */
  requestBuckets?: number[];
  /** Buckets of the subgraph fetch latency histogram, in seconds. @default [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] */
  subgraphBuckets?: number[];
  /**
   * Distinct operation names kept as label values; later new names are
   * counted as `other`. Operation names come from clients, and an unbounded
   * label would let one client blow up the time series. @default 200
   */
  maxOperationNames?: number;
}

/** The plugin, plus the registry to serve on /metrics and the hooks to give each subgraph data source. */
export interface MetricsPlugin extends ApolloServerPlugin<BaseContext> {
  readonly registry: Registry;
  readonly subgraphs: SubgraphObserver;
  /** A request refused before GraphQL ran (401, 403, 413, 429 …), with the code it was answered with. */
  refused(code: string): void;
  /** One operation of `component` (rate_limit, apq) done without Redis, which was unavailable. */
  redisDegraded(component: 'rate_limit' | 'apq'): void;
  /** Lookups of the gateway's fetch cache, for hit ratios per subgraph. */
  readonly fetchCache: FetchCacheObserver;
  /** Lookups of whole answers, for the response cache's hit ratio. */
  readonly responseCache: ResponseCacheObserver;
  /** Cache entries dropped by invalidation (merges, splits, erasures, sources). */
  invalidated(reason: string, entries: number): void;
  /** Every entry of a subgraph dropped at once (a new cache generation). */
  subgraphInvalidated(subgraph: string, reason: string): void;
}

/** How a request ended: no error, data with errors, or no data at all. */
export type RequestOutcome = 'success' | 'partial' | 'error';

const BREAKER_STATES: BreakerState[] = ['closed', 'open', 'half-open'];

/**
 * Prometheus metrics of the gateway:
 * - `<prefix>requests_total{operation_name, outcome}` and `<prefix>request_duration_seconds{operation_name, outcome}`;
 * - `<prefix>errors_total{code}`: errors sent to clients, by `extensions.code`;
 * - `<prefix>subgraph_fetch_duration_seconds{subgraph, outcome}` (outcome `success` or `failure`);
 * - `<prefix>subgraph_failures_total{subgraph, code}`, fetches that failed or were refused by an open breaker;
 * - `<prefix>subgraph_breaker_state{subgraph, state}`: 1 for each subgraph's current breaker state, 0 for the others;
 * - `<prefix>refused_requests_total{code}`: requests refused before GraphQL ran (also counted in errors_total);
 * - `<prefix>redis_degraded_total{component}`: rate-limit decisions and APQ lookups made without Redis.
 *
 * Anonymous operations are labelled `anonymous`; requests that fail before
 * an operation is resolved (parse or validation errors) take the name the
 * client sent, if any.
 */
export function useMetrics(options: MetricsOptions = {}): MetricsPlugin {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? 'c360_gateway_';
  const maxOperationNames = options.maxOperationNames ?? 200;
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });

  const requests = new Counter({
    name: `${prefix}requests_total`,
    help: 'GraphQL requests, by operation name and outcome (success, partial: data with errors, error: no data)',
    labelNames: ['operation_name', 'outcome'],
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from receiving a GraphQL request to sending its response, in seconds',
    labelNames: ['operation_name', 'outcome'],
    buckets: options.requestBuckets ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: `${prefix}errors_total`,
    help: 'GraphQL errors sent to clients, by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  const fetchDuration = new Histogram({
    name: `${prefix}subgraph_fetch_duration_seconds`,
    help: 'Duration of the fetches sent to each subgraph, in seconds',
    labelNames: ['subgraph', 'outcome'],
    buckets: options.subgraphBuckets ?? [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const fetchFailures = new Counter({
    name: `${prefix}subgraph_failures_total`,
    help: 'Failed subgraph fetches (including those an open circuit breaker refused), by subgraph and error code',
    labelNames: ['subgraph', 'code'],
    registers: [registry],
  });
  const breakerState = new Gauge({
    name: `${prefix}subgraph_breaker_state`,
    help: "State of each subgraph's circuit breaker: 1 for the current state, 0 for the others",
    labelNames: ['subgraph', 'state'],
    registers: [registry],
  });

  const refusedRequests = new Counter({
    name: `${prefix}refused_requests_total`,
    help: 'Requests refused before GraphQL ran (unauthenticated, rate limited, not a registered operation, too large), by code',
    labelNames: ['code'],
    registers: [registry],
  });
  const redisDegraded = new Counter({
    name: `${prefix}redis_degraded_total`,
    help: 'Operations done without Redis because it was unavailable: rate-limit decisions (in memory) and APQ lookups',
    labelNames: ['component'],
    registers: [registry],
  });

  const cacheLookups = new Counter({
    name: `${prefix}cache_lookups_total`,
    help: 'Lookups of the gateway fetch cache by subgraph and outcome (hit, miss, coalesced): hit ratio = hit / all',
    labelNames: ['subgraph', 'outcome'],
    registers: [registry],
  });
  const responseLookups = new Counter({
    name: `${prefix}response_cache_lookups_total`,
    help: 'Lookups of whole query answers in the gateway response cache, by outcome (hit, miss, coalesced)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const cacheInvalidations = new Counter({
    name: `${prefix}cache_invalidated_entries_total`,
    help: 'Gateway cache entries dropped by invalidation, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });

  const subgraphInvalidations = new Counter({
    name: `${prefix}cache_subgraph_invalidations_total`,
    help: 'Times every gateway cache entry of a subgraph was dropped at once (e.g. profile rules changed), by reason',
    labelNames: ['subgraph', 'reason'],
    registers: [registry],
  });

  const operationNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (operationNames.has(name)) return name;
    if (operationNames.size >= maxOperationNames) return 'other';
    operationNames.add(name);
    return name;
  };

  return {
    registry,
    refused(code) {
      refusedRequests.inc({ code });
      errors.inc({ code });
    },
    redisDegraded(component) {
      redisDegraded.inc({ component });
    },
    fetchCache: {
      lookup(subgraph, outcome) {
        cacheLookups.inc({ subgraph, outcome });
      },
    },
    responseCache: {
      lookup(outcome) {
        responseLookups.inc({ outcome });
      },
    },
    invalidated(reason, entries) {
      cacheInvalidations.inc({ reason }, entries);
    },
    subgraphInvalidated(subgraph, reason) {
      subgraphInvalidations.inc({ subgraph, reason });
    },
    subgraphs: {
      fetched(subgraph, { seconds, failure }) {
        if (seconds !== undefined)
          fetchDuration.observe({ subgraph, outcome: failure ? 'failure' : 'success' }, seconds);
        if (failure) fetchFailures.inc({ subgraph, code: failure });
      },
      breakerChanged(subgraph, state) {
        for (const s of BREAKER_STATES) breakerState.set({ subgraph, state: s }, s === state ? 1 : 0);
      },
    },
    async requestDidStart() {
      const stopTimer = requestDuration.startTimer();
      return {
        async willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<BaseContext>) {
          const { body } = requestContext.response;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          const sent: readonly GraphQLFormattedError[] = result.errors ?? [];
          const outcome: RequestOutcome =
            sent.length === 0 ? 'success' : 'data' in result && result.data ? 'partial' : 'error';
          const labels = {
            operation_name: operationLabel(requestContext.operationName ?? requestContext.request.operationName),
            outcome,
          };
          requests.inc(labels);
          stopTimer(labels);
          for (const error of sent) {
            const code = error.extensions?.code;
            errors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
          }
        },
      };
    },
  };
}
