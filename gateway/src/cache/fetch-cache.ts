/**
 * The gateway's cache of subgraph fetches: one entry per subgraph request
 * (query + variables + the caller's scopes), kept in Redis with the TTL the
 * subgraph's cache hints allow, tagged with the customers it holds so that a
 * merge, split or erasure drops every entry that mentions them.
 *
 * Caching fetches rather than whole responses means that two different client
 * operations over the same customer share their identity and source fetches,
 * and that an entry holds one subgraph's answer, so that invalidating a
 * customer drops exactly what could be stale.
 *
 * Identical concurrent misses are coalesced: the first one fetches, the others
 * wait for its result (per process; across gateway replicas each fetches once).
 *
 * Every failure of Redis is a miss: the fetch goes to the subgraph.
 */
import { createHash } from 'node:crypto';
import type { Cache } from '../../../subgraphs/shared/src/cache';

export interface FetchCacheObserver {
  /** One lookup: `hit` when served from the cache, `miss` when fetched, `coalesced` when it waited for an identical fetch. */
  lookup(subgraph: string, outcome: 'hit' | 'miss' | 'coalesced'): void;
}

export interface FetchCacheOptions {
  cache: Cache;
  /** Upper bound of any entry's TTL, whatever the hints say. @default 300 */
  maxTtlSeconds?: number;
  /** Key prefix inside the cache, so that the gateway's keys never meet a subgraph's. @default 'gw:fetch:' */
  prefix?: string;
  observer?: FetchCacheObserver;
}

export interface FetchRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface CachedFetch {
  /** The subgraph's GraphQL response body, as JSON text. */
  body: string;
}

/** Tag of every entry that holds this customer. */
export const customerTag = (id: string) => `customer:${id}`;
/**
 * Tag of every entry of one subgraph. An erasure drops every identity entry
 * with it: a lookup that selects no `__typename` (`customerByIdentifier { id }`)
 * cannot be tagged with the customer it found.
 */
export const subgraphTag = (name: string) => `subgraph:${name}`;
/** Tag of every entry that read this source record (for sources that invalidate their own records). */
export const recordTag = (system: string, localId: string) => `record:${system}:${localId}`;

export class FetchCache {
  readonly maxTtlSeconds: number;
  private readonly cache: Cache;
  private readonly prefix: string;
  private readonly observer?: FetchCacheObserver;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(options: FetchCacheOptions) {
    this.cache = options.cache;
    this.maxTtlSeconds = options.maxTtlSeconds ?? 300;
    this.prefix = options.prefix ?? 'gw:fetch:';
    this.observer = options.observer;
  }

  /**
   * The key of a fetch. `partition` separates callers who may see different
   * data for the same request (their scopes): an entry is never shared across it.
   */
  key(subgraph: string, request: FetchRequest, partition: string): string {
    const hash = createHash('sha256')
      .update(subgraph)
      .update('\0')
      .update(partition)
      .update('\0')
      .update(request.query)
      .update('\0')
      .update(request.operationName ?? '')
      .update('\0')
      .update(stableJson(request.variables ?? {}))
      .digest('base64url');
    return `${subgraph}:${hash}`;
  }

  /**
   * The cached response of a fetch, or the result of `fetch` — fetched once for
   * all identical concurrent calls. `store` decides whether and how long a
   * fresh result is kept (from its cache hints), and which tags it carries.
   */
  async getOrFetch<T>(
    subgraph: string,
    key: string,
    decode: (body: string) => T,
    fetch: () => Promise<T>,
    store: (result: T) => { body: string; ttlSeconds: number; tags: string[] } | null,
  ): Promise<T> {
    const cached = await this.cache.get(this.prefix + key);
    if (cached !== undefined) {
      this.observer?.lookup(subgraph, 'hit');
      return decode(cached);
    }
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) {
      this.observer?.lookup(subgraph, 'coalesced');
      return pending;
    }
    this.observer?.lookup(subgraph, 'miss');
    const promise = (async () => {
      const result = await fetch();
      const entry = store(result);
      const ttl = entry ? Math.min(entry.ttlSeconds, this.maxTtlSeconds) : 0;
      if (entry && ttl >= 1) {
        await this.cache.set(this.prefix + key, entry.body, ttl);
        await this.cache.tag?.(entry.tags, this.prefix + key, ttl);
      }
      return result;
    })();
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Drops every entry carrying one of the tags; returns how many entries went. */
  async invalidate(tags: string[]): Promise<number> {
    if (!this.cache.invalidateTags || tags.length === 0) return 0;
    return this.cache.invalidateTags(tags);
  }
}

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` make one key. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The seconds a subgraph response may be cached, from its `Cache-Control`
 * header (Apollo Server's cache-control plugin sets it from the schema's
 * hints): 0 for `private`, `no-store`, `no-cache` or no max-age. `private`
 * data is per caller and the partition is per scope set, not per caller.
 */
export function maxAgeOf(cacheControl: string | null | undefined): number {
  if (!cacheControl) return 0;
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.some((d) => d === 'private' || d === 'no-store' || d === 'no-cache')) return 0;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  const seconds = maxAge ? Number(maxAge.slice('max-age='.length)) : 0;
  return Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
}

/**
 * The customers and source records a fetch is about: the ids of the entity
 * representations it sent, the source records they carry, and any customer id
 * in the response (a lookup by identifier answers with the id it found).
 */
export function tagsOf(variables: Record<string, unknown> | null | undefined, data: unknown): string[] {
  const tags = new Set<string>();
  const representations = (variables?.representations ?? []) as Array<Record<string, unknown>>;
  for (const rep of Array.isArray(representations) ? representations : []) {
    if (rep.__typename === 'Customer' && typeof rep.id === 'string') tags.add(customerTag(rep.id));
    const records = rep.sourceRecords;
    if (Array.isArray(records)) {
      for (const r of records as Array<{ system?: unknown; localId?: unknown }>) {
        if (typeof r?.system === 'string' && typeof r.localId === 'string') tags.add(recordTag(r.system, r.localId));
      }
    }
  }
  collectCustomerIds(data, tags, 0);
  return [...tags];
}

function collectCustomerIds(node: unknown, tags: Set<string>, depth: number): void {
  if (depth > 6 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectCustomerIds(item, tags, depth + 1);
    return;
  }
  const object = node as Record<string, unknown>;
  if (object.__typename === 'Customer' && typeof object.id === 'string') tags.add(customerTag(object.id));
  for (const value of Object.values(object)) collectCustomerIds(value, tags, depth + 1);
}
