import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';

/**
 * A subgraph fetch with a time budget: a subgraph that does not answer in
 * time fails its own part of the plan instead of holding the whole request.
 * Uses Node's fetch (undici: pooled keep-alive connections).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly name: string,
    url: string,
    timeoutMs: number,
  ) {
    const fetcher: Fetcher = (input, init) =>
      fetch(input, { ...(init as RequestInit), signal: AbortSignal.timeout(timeoutMs) }) as never;
    super({ url, fetcher });
  }
}
