/**
 * In-process calls to the subgraphs of this process (the all-in-one topology).
 *
 * Every subgraph registers, under its routing URL, a function that runs one
 * GraphQL request exactly as its `/graphql` route does — the caller verified
 * from the same signed headers, a fresh context (and so fresh DataLoaders)
 * from the same factory, the same Apollo Server with the same plugins and the
 * same PII guard — minus the socket, the JSON body and the content negotiation.
 * The gateway's data source looks the URL up here and, when it finds it,
 * calls the function instead of sending the request over HTTP. A subgraph in
 * another process is simply not in this registry.
 */
import type { FormattedExecutionResult } from 'graphql';

/** A GraphQL request as the gateway sends it to a subgraph. */
export interface LocalRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

/** What the subgraph answered: the HTTP status and headers it would have sent, and the result object (not serialised). */
export interface LocalResponse {
  status: number;
  /** The status's reason phrase, where an HTTP answer gave one (a subgraph of another process). */
  statusText?: string;
  headers: { get(name: string): string | null | undefined };
  body: FormattedExecutionResult;
}

export interface LocalSubgraph {
  readonly name: string;
  /** Runs one request; `headers` are the (lower-case) caller headers the gateway signs. */
  execute(request: LocalRequest, headers: Record<string, string>): Promise<LocalResponse>;
}

const registry = new Map<string, LocalSubgraph>();

/** Registers a subgraph of this process under its routing URL; returns the function that removes it. */
export function registerLocalSubgraph(url: string, subgraph: LocalSubgraph): () => void {
  registry.set(url, subgraph);
  return () => {
    if (registry.get(url) === subgraph) registry.delete(url);
  };
}

/** The subgraph of this process served at `url`, if any. */
export function localSubgraphAt(url: string): LocalSubgraph | undefined {
  return registry.get(url);
}
