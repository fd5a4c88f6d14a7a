import DataLoader from 'dataloader';
import { ANONYMOUS_DEVELOPER, type Caller, type CallerContext } from '@c360/kit/auth';
import type { Actor, CustomerIdentity, IdentityGraph } from './graph';
import type { NormalizeOptions } from './normalize';

export interface IdentityContext extends CallerContext {
  graph: IdentityGraph;
  normalize: NormalizeOptions;
  /**
   * The client making the request, recorded on every manual identity decision:
   * the name the gateway signed (see shared/src/auth.ts), never a header a
   * caller could set itself; `anonymous` for unsigned development use.
   */
  client: string;
  loaders: {
    /** Customers by id (merged-away ids resolve to the survivor); one Neo4j round trip per tick. */
    customers: DataLoader<string, CustomerIdentity | null>;
  };
}

export function createContext(
  graph: IdentityGraph,
  normalize: NormalizeOptions,
  caller: Caller = ANONYMOUS_DEVELOPER,
): IdentityContext {
  return {
    graph,
    normalize,
    caller,
    client: caller.client,
    loaders: { customers: new DataLoader((ids) => graph.customers(ids)) },
  };
}

export const actorOf = (ctx: IdentityContext, reason?: string | null): Actor => ({ name: ctx.client, reason });
