import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Kind, parse, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { LocalSubgraph } from '@c360/kit/local';
import type { Logger } from '@c360/kit/logger';
import { httpSubgraph, pooledFetcher } from './pooled-fetch';
import { CircuitBreaker, type BreakerState, type CircuitBreakerOptions } from './breaker';
import {
  maxAgeOf,
  tagsOf,
  withoutAddedTypenames,
  withTypenames,
  type FetchCache,
  type FetchRequest,
  type FetchTrail,
} from './cache/fetch-cache';

/**
 * Codes of the errors a failed subgraph fetch puts on the fields it should have resolved:
 * - `SUBGRAPH_TIMEOUT`: no answer within the budget;
 * - `SUBGRAPH_UNAVAILABLE`: connection failed, 5xx, a body that is not a GraphQL response, or the breaker is open;
 * - `SUBGRAPH_REQUEST_FAILED`: the subgraph refused the request (4xx other than 401/403, which keep
 *   `UNAUTHENTICATED`/`FORBIDDEN`); the subgraph is up, so this does not count towards the breaker.
 */
export type SubgraphFailureCode =
  'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_REQUEST_FAILED' | 'UNAUTHENTICATED' | 'FORBIDDEN';

/** Hooks for metrics: what each subgraph fetch did. */
export interface SubgraphObserver {
  /** A fetch settled; `seconds` is undefined when it never went out (breaker open). */
  fetched(subgraph: string, result: { seconds?: number; failure?: SubgraphFailureCode }): void;
  /** The subgraph's breaker changed state (also called once at creation with `closed`). */
  breakerChanged(subgraph: string, state: BreakerState): void;
}

export interface SubgraphDataSourceOptions {
  /** Subgraph name, as in the supergraph (e.g. `commerce`); named in every error. */
  name: string;
  /** Routing URL of the subgraph's GraphQL endpoint. */
  url: string;
  /** Budget of one fetch in milliseconds (SUBGRAPH_TIMEOUT_MS). @default 5000 */
  timeoutMs?: number;
  /** Circuit breaker settings. @default { failureThreshold: 5, cooldownMs: 10000 } */
  breaker?: Omit<CircuitBreakerOptions, 'onStateChange'>;
  /** Where failures and breaker changes are logged. @default no logging */
  logger?: Logger;
  /** Metrics hooks. @default none */
  observer?: SubgraphObserver;
  /**
   * Headers telling the subgraph who calls, from the request's context: the
   * signed client name, scopes and request id (see subgraphs/shared/src/auth.ts).
   * @default none
   */
  callerHeaders?: (context: Record<string, any>) => Record<string, string> | undefined;
  /**
   * Cache of this subgraph's fetches for queries (never mutations), with the
   * TTL its Cache-Control allows, keyed per caller scope set (`partitionOf`).
   * @default no caching
   */
  fetchCache?: FetchCache;
  /** The cache partition of a request: callers in different partitions never share an entry. @default '' */
  partitionOf?: (context: Record<string, any>) => string;
  /**
   * The subgraph when it runs in this process (the all-in-one topology): fetches call its
   * Apollo Server directly (same caller headers, context, loaders and plugins), with no HTTP
   * and no JSON in between. @default over HTTP
   */
  local?: LocalSubgraph;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<Record<string, any>>;
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

interface Failure {
  code: SubgraphFailureCode;
  /** Why, for people: ends the error message. */
  reason: string;
  /** Whether it says the subgraph is unhealthy (and so counts towards opening the breaker). */
  unhealthy: boolean;
}

/**
 * A subgraph fetch with a time budget and a circuit breaker, whose failures
 * degrade the fields that subgraph should have resolved instead of the whole
 * request.
 *
 * Out of the box, a fetch that throws becomes one error with no path, no
 * subgraph name and a stack trace. Here a failed fetch is turned into the
 * GraphQL response the subgraph would have sent had its resolvers failed:
 * one error per field of the fetch, with a path relative to the subgraph
 * operation (`['_entities', i, 'shopAccounts']` for an entity fetch,
 * `['customer']` for a root fetch). The gateway's executeQueryPlan maps those
 * paths onto the client's response (entity index → the entity's path, e.g.
 * `['customer', 'shopAccounts']`), adds `serviceName`, and leaves the fields
 * null; the rest of the plan proceeds. Uses undici's request (pooled
 * keep-alive connections, see pooled-fetch.ts).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  readonly name: string;
  readonly timeoutMs: number;
  readonly breaker: CircuitBreaker;
  private readonly log?: Logger;
  private readonly observer?: SubgraphObserver;
  private readonly callerHeaders?: SubgraphDataSourceOptions['callerHeaders'];

  private readonly fetchCache?: FetchCache;
  private readonly partitionOf: (context: Record<string, any>) => string;
  private readonly local: LocalSubgraph;

  constructor({
    name,
    url,
    timeoutMs = 5000,
    breaker,
    logger,
    observer,
    callerHeaders,
    fetchCache,
    partitionOf = () => '',
    local,
  }: SubgraphDataSourceOptions) {
    super({ url, fetcher: pooledFetcher(timeoutMs) });
    this.name = name;
    this.timeoutMs = timeoutMs;
    this.log = logger?.child({ subgraph: name });
    this.observer = observer;
    this.callerHeaders = callerHeaders;
    this.fetchCache = fetchCache;
    this.partitionOf = partitionOf;
    // A subgraph of another process is called through the same interface, over pooled HTTP.
    this.local = local ?? httpSubgraph(name, url, timeoutMs);
    this.breaker = new CircuitBreaker({
      ...breaker,
      onStateChange: (state, previous) => {
        const fields = { subgraph: name, state, previous, consecutiveFailures: this.breaker.consecutiveFailures };
        if (state === 'open') this.log?.warn(fields, `circuit breaker of subgraph "${name}" opened`);
        else this.log?.info(fields, `circuit breaker of subgraph "${name}" is ${state}`);
        this.observer?.breakerChanged(name, state);
      },
    });
    this.observer?.breakerChanged(name, 'closed');
  }

  override willSendRequest({ request, context }: ProcessOptions): void {
    const headers = this.callerHeaders?.(context);
    for (const [name, value] of Object.entries(headers ?? {})) request.http?.headers.set(name, value);
  }

  override async process(options: ProcessOptions): Promise<SubgraphResponse> {
    // Schema loading and health checks (the only requests without an incoming request; the
    // enum that names the kinds is not exported) are the gateway's own business: they fail as they do.
    if (!('incomingRequestContext' in options)) return super.process(options);
    const cache = this.fetchCache;
    const { request, context } = options;
    // Only fetches of queries: a mutation's fetches, and the reads that follow it, go to the subgraph.
    if (!cache || options.incomingRequestContext.operation?.operation !== 'query' || !request.query) {
      return this.fetchLive(options);
    }
    // The first miss of an answer is not kept (the response cache's admission): fetched as without a cache,
    // with no lookup, no added types and nothing written.
    const trail = (context as { fetchTrail?: FetchTrail }).fetchTrail;
    if (trail?.admit === false) return this.fetchLive(options);
    // Every Customer in the answer names its type, so that the entry is tagged with it (see withTypenames).
    request.query = withTypenames(request.query);
    const key = cache.key(this.name, request as FetchRequest, this.partitionOf(context));
    // Entries are kept without the added types, and each read of one is a fresh object: as it is.
    const fromCache = new WeakSet<object>();
    // The copy without the added types made to store a fresh answer, for the request that fetched it.
    let strippedForStore: SubgraphResponse | undefined;
    const response = await cache.getOrFetch<SubgraphResponse>(
      this.name,
      key,
      (body) => {
        const decoded = JSON.parse(body) as SubgraphResponse;
        fromCache.add(decoded);
        return decoded;
      },
      () => this.fetchLive(options),
      (response) => {
        // Failures and partial answers are never kept: the next request asks again.
        if (response.errors?.length || !response.data) return null;
        const ttlSeconds = maxAgeOf(response.http?.headers.get('cache-control'));
        if (ttlSeconds < 1) return null;
        const { data, extensions } = response;
        const stripped = withoutAddedTypenames(data);
        const body = JSON.stringify({ data: stripped, extensions });
        strippedForStore = { ...response, data: stripped };
        return { body, ttlSeconds, tags: tagsOf(request.variables, data) };
      },
      trail,
      context,
    );
    if (fromCache.has(response)) return response;
    // The planner gets the answer to its own query: the types asked for the tags are not part of it.
    // The request that fetched takes the copy made to store it; one that waited for it gets its own.
    if (strippedForStore) return strippedForStore;
    return response.data ? { ...response, data: withoutAddedTypenames(response.data) } : response;
  }

  /** The fetch itself: breaker, budget, and failures turned into field errors. */
  private async fetchLive(options: ProcessOptions & { incomingRequestContext: unknown }): Promise<SubgraphResponse> {
    const permit = this.breaker.tryAcquire();
    if (!permit) {
      // The countdown goes to the log, not to the client: the same failure gives the same error.
      const failure: Failure = {
        code: 'SUBGRAPH_UNAVAILABLE',
        reason: `circuit breaker open after ${this.breaker.consecutiveFailures} consecutive failures`,
        unhealthy: false,
      };
      this.log?.debug(
        { code: failure.code, retryInMs: this.breaker.retryInMs },
        `subgraph "${this.name}" not called: ${failure.reason}`,
      );
      this.observer?.fetched(this.name, { failure: failure.code });
      return this.failureResponse(options, failure);
    }

    const started = performance.now();
    try {
      const response = await this.send(options, this.local);
      permit.success();
      this.observer?.fetched(this.name, { seconds: (performance.now() - started) / 1000 });
      return response;
    } catch (err) {
      const failure = this.classify(err);
      if (failure.unhealthy) permit.failure();
      else permit.success();
      this.observer?.fetched(this.name, { seconds: (performance.now() - started) / 1000, failure: failure.code });
      this.log?.warn(
        { code: failure.code, err: asError(err).message },
        `subgraph "${this.name}" fetch failed: ${failure.reason}`,
      );
      return this.failureResponse(options, failure);
    }
  }

  /**
   * The fetch, to a subgraph of this process (the request and the result stay objects) or of
   * another (httpSubgraph): what RemoteGraphQLDataSource does (caller headers, the subgraph's
   * Cache-Control restricting the answer's, a 4xx/5xx as an error carrying the response),
   * within the fetch's budget.
   */
  private async send(options: ProcessOptions, local: LocalSubgraph): Promise<SubgraphResponse> {
    const { request, context } = options;
    if (!request.query) throw new Error('Missing query');
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no answer within ${this.timeoutMs} ms`);
        error.name = 'TimeoutError';
        reject(error);
      }, this.timeoutMs);
    });
    let response;
    try {
      response = await Promise.race([
        local.execute(
          {
            query: request.query,
            variables: request.variables,
            operationName: request.operationName,
            extensions: request.extensions,
          },
          this.callerHeaders?.(context) ?? {},
        ),
        budget,
      ]);
    } finally {
      clearTimeout(timer);
    }
    if (response.status >= 400) {
      const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
      throw new GraphQLError(`${response.status}: subgraph "${this.name}" refused the request`, {
        extensions: {
          ...(code ? { code } : {}),
          response: {
            status: response.status,
            statusText: response.statusText,
            body: response.body,
          },
        },
      });
    }
    const cacheControl = response.headers.get('cache-control') ?? undefined;
    const policy = 'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (policy && 'restrict' in policy) {
      const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl ?? '')?.[1];
      const scope = /(?:^|,)\s*private\b/.test(cacheControl ?? '')
        ? 'PRIVATE'
        : /(?:^|,)\s*public\b/.test(cacheControl ?? '')
          ? 'PUBLIC'
          : undefined;
      policy.restrict({ maxAge: maxAge ? Number(maxAge) : 0, ...(scope ? { scope } : {}) } as never);
    }
    return { ...response.body, http: { headers: response.headers } } as unknown as SubgraphResponse;
  }

  private classify(err: unknown): Failure {
    const error = asError(err);
    if (error.name === 'TimeoutError')
      return { code: 'SUBGRAPH_TIMEOUT', reason: `no answer within ${this.timeoutMs} ms`, unhealthy: true };
    // RemoteGraphQLDataSource.errorFromResponse: a non-2xx answer, with the status in extensions.response.
    const response = err instanceof GraphQLError ? (err.extensions.response as HttpFailure | undefined) : undefined;
    if (response?.status !== undefined) {
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (response.status >= 500) return { code: 'SUBGRAPH_UNAVAILABLE', reason: status, unhealthy: true };
      const code = (err as GraphQLError).extensions.code;
      const said = firstErrorMessage(response.body);
      return {
        code: code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : 'SUBGRAPH_REQUEST_FAILED',
        reason: said ? `${status}: ${said}` : status,
        unhealthy: false,
      };
    }
    // RemoteGraphQLDataSource.sendRequest: a 2xx whose body is not a JSON object (a proxy's error page …).
    if (error.message.startsWith('Expected JSON response body'))
      return { code: 'SUBGRAPH_UNAVAILABLE', reason: 'the answer is not a GraphQL response', unhealthy: true };
    // The socket error (ECONNREFUSED, ECONNRESET, ENOTFOUND …): undici's own, or the cause of fetch's "fetch failed".
    const cause = asError(error.cause ?? error) as NodeJS.ErrnoException;
    const reason =
      cause?.code === 'ECONNREFUSED' ? 'connection refused' : (cause?.code ?? cause?.message ?? error.message);
    return { code: 'SUBGRAPH_UNAVAILABLE', reason, unhealthy: true };
  }

  /**
   * What the subgraph would have answered had every field of the fetch
   * failed: no data, and one error per field with its path in the subgraph
   * operation. The gateway rewrites the paths onto the client's response.
   */
  private failureResponse(options: ProcessOptions, failure: Failure): SubgraphResponse {
    const message =
      failure.code === 'SUBGRAPH_TIMEOUT'
        ? `Subgraph "${this.name}" timed out: ${failure.reason}`
        : failure.code === 'SUBGRAPH_UNAVAILABLE'
          ? `Subgraph "${this.name}" is unavailable: ${failure.reason}`
          : `Subgraph "${this.name}" refused the request: ${failure.reason}`;
    const extensions = { code: failure.code, subgraph: this.name };
    const paths = fieldPaths(options.request.query, options.request.variables);
    return { errors: paths.map((path) => ({ message, path, extensions })) };
  }
}

/**
 * Duck-typed rather than `instanceof Error`: undici's errors come from Node's
 * own realm, which is not the realm of the code that catches them under jest.
 */
function asError(value: unknown): Error {
  if (typeof value === 'object' && value !== null && typeof (value as Error).message === 'string')
    return value as Error;
  return new Error(String(value));
}

interface HttpFailure {
  status: number;
  statusText?: string;
  body?: unknown;
}

function firstErrorMessage(body: unknown): string | undefined {
  const errors = (body as { errors?: { message?: unknown }[] } | undefined)?.errors;
  const message = Array.isArray(errors) ? errors[0]?.message : undefined;
  return typeof message === 'string' ? message : undefined;
}

/**
 * The paths, in the subgraph operation, of the fields a fetch was to resolve:
 * `['_entities', i, field]` for each representation of an entity fetch (the
 * fields of the fragments on its `__typename`), `[field]` for each root field
 * otherwise. An operation that cannot be read yields one path-less error.
 */
export function fieldPaths(
  query: string | undefined,
  variables: Record<string, unknown> | undefined,
): (readonly (string | number)[] | undefined)[] {
  let operation: OperationDefinitionNode | undefined;
  try {
    operation = parse(query ?? '').definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return [undefined];
  }
  if (!operation) return [undefined];
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  const representations = variables?.representations;
  if (entities?.kind === Kind.FIELD && entities.selectionSet && Array.isArray(representations)) {
    const selectionSet = entities.selectionSet;
    return representations.flatMap((representation: { __typename?: unknown }, i) => {
      const typename = typeof representation?.__typename === 'string' ? representation.__typename : undefined;
      const fields = responseKeys(selectionSet, typename);
      return fields.length > 0 ? fields.map((field) => ['_entities', i, field]) : [['_entities', i]];
    });
  }
  const fields = responseKeys(operation.selectionSet);
  return fields.length > 0 ? fields.map((field) => [field]) : [undefined];
}

/** Response keys selected by a selection set for an object of type `typename` (any type when unknown). */
function responseKeys(selectionSet: SelectionSetNode, typename?: string): string[] {
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition?.name.value;
      if (!on || !typename || on === typename)
        for (const key of responseKeys(selection.selectionSet, typename)) keys.add(key);
    }
  }
  return [...keys];
}
