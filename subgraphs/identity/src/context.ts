import DataLoader from 'dataloader';
import type { CustomerIdentity, IdentityGraph } from './graph';
import type { NormalizeOptions } from './normalize';

export interface IdentityContext {
  graph: IdentityGraph;
  normalize: NormalizeOptions;
  loaders: {
    /** Customers by id (merged-away ids resolve to the survivor); one Neo4j round trip per tick. */
    customers: DataLoader<string, CustomerIdentity | null>;
  };
}

export function createContext(graph: IdentityGraph, normalize: NormalizeOptions): IdentityContext {
  return {
    graph,
    normalize,
    loaders: { customers: new DataLoader((ids) => graph.customers(ids)) },
  };
}
