import DataLoader from 'dataloader';
import type { Actor, CustomerIdentity, IdentityGraph } from './graph';
import type { NormalizeOptions } from './normalize';

export interface IdentityContext {
  graph: IdentityGraph;
  normalize: NormalizeOptions;
  /** The client making the request, recorded on every manual identity decision. */
  client: string;
  loaders: {
    /** Customers by id (merged-away ids resolve to the survivor); one Neo4j round trip per tick. */
    customers: DataLoader<string, CustomerIdentity | null>;
  };
}

/** The client name the gateway forwards; `anonymous` for direct development use. */
export const CLIENT_HEADER = 'x-c360-client';

export function createContext(
  graph: IdentityGraph,
  normalize: NormalizeOptions,
  headers: Record<string, string | string[] | undefined> = {},
): IdentityContext {
  const client = headers[CLIENT_HEADER];
  return {
    graph,
    normalize,
    client: (Array.isArray(client) ? client[0] : client) || 'anonymous',
    loaders: { customers: new DataLoader((ids) => graph.customers(ids)) },
  };
}

export const actorOf = (ctx: IdentityContext, reason?: string | null): Actor => ({ name: ctx.client, reason });
