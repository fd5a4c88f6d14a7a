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
 * Once a fetch of a request misses, the request's later fetches (the next
 * levels of its plan) go to their subgraphs without asking the cache first,
 * and are still written to it. A customer's entries are written together, by
 * the page that fetched them, and dropped together (its tag is on all of
 * them): when the fetch that found the customer missed, the fetches built on
 * its answer are missing too, nearly always. Asking would cost one round trip
 * per plan level, waited for, and on a busy machine each one is a wait for
 * Redis to be scheduled: that made a cold page slower than no cache at all.
 * Reading less can never serve anything stale; what it costs is a refetch
 * when another operation over the same customer left deeper entries behind.
 *
 * A whole subgraph's entries can be dropped at once (its rules changed, say):
 * each subgraph's keys carry a generation, kept in the cache beside the
 * entries, and dropping them starts a new generation, so the old entries are
 * never read again and expire by themselves. Each process re-reads the
 * generations at most every `generationTtlMs`: another replica's drop shows
 * within that time, the dropping replica's at once.
 *
 * Every failure of Redis is a miss: the fetch goes to the subgraph.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Kind, parse, print, visit, type FieldNode, type SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Cache } from '@c360/kit/cache';
import { customerTag } from '@c360/kit/invalidation';

export interface FetchCacheObserver {
  /** One lookup: `hit` when served from the cache, `miss` when fetched, `coalesced` when it waited for an identical fetch. */
  lookup(subgraph: string, outcome: 'hit' | 'miss' | 'coalesced'): void;
}

export interface FetchCacheOptions {
  /** The store; a BatchedCache makes the lookups of one turn one `MGET` and the writes one pipeline. */
  cache: Cache & TaggedWrites;
  /** Upper bound of any entry's TTL, whatever the hints say. @default 300 */
  maxTtlSeconds?: number;
  /** Key prefix inside the cache, so that the gateway's keys never meet a subgraph's. @default 'gw:fetch:' */
  prefix?: string;
  observer?: FetchCacheObserver;
  /** How long a process trusts the subgraph generations it read, in ms. @default 1000 */
  generationTtlMs?: number;
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

interface EntryMeta {
  /** When the entry stops being valid (ms since the epoch). */
  expiresAt: number;
  tags: string[];
}

interface Fetched<T> {
  result: T;
  /** What was kept in the cache; null when the result may not be kept. */
  kept: { tags: string[]; ttlSeconds: number } | null;
}

/**
 * What the subgraph fetches of one client request rest on: every tag of every
 * fetch, the shortest time any of them stays valid, and whether one of them
 * could not be kept at all (then neither can an answer built from it).
 */
export interface FetchTrail {
  fetches: number;
  ttlSeconds: number;
  tags: Set<string>;
  uncacheable: boolean;
  /**
   * Whether what this request fetches may be kept (the response cache's admission, see useResponseCache):
   * false for the first miss of an answer, whose fetches then go to their subgraphs as without a cache.
   */
  admit: boolean;
}

export function newFetchTrail(admit = true): FetchTrail {
  return { fetches: 0, ttlSeconds: Number.POSITIVE_INFINITY, tags: new Set(), uncacheable: false, admit };
}

/** Notes one fetch on a trail: null when it could not be kept. */
export function noteFetch(trail: FetchTrail | undefined, kept: { tags: string[]; ttlSeconds: number } | null): void {
  if (!trail) return;
  trail.fetches += 1;
  if (!kept || kept.ttlSeconds < 1) {
    trail.uncacheable = true;
    return;
  }
  trail.ttlSeconds = Math.min(trail.ttlSeconds, kept.ttlSeconds);
  for (const tag of kept.tags) trail.tags.add(tag);
}

/** Tag of every entry that holds this customer. */
export { customerTag };
/** Tag of every entry that read this source record (for sources that invalidate their own records). */
export const recordTag = (system: string, localId: string) => `record:${system}:${localId}`;

export class FetchCache {
  readonly maxTtlSeconds: number;
  private readonly cache: Cache & TaggedWrites;
  private readonly prefix: string;
  private readonly observer?: FetchCacheObserver;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly generationTtlMs: number;
  private readonly generations = new Map<string, { value: string; readAt: number }>();
  /** Requests (their contexts) one of whose fetches missed: their later fetches skip the lookup. */
  private readonly missed = new WeakSet<object>();

  constructor(options: FetchCacheOptions) {
    this.cache = options.cache;
    this.maxTtlSeconds = options.maxTtlSeconds ?? 300;
    this.prefix = options.prefix ?? 'gw:fetch:';
    this.observer = options.observer;
    this.generationTtlMs = options.generationTtlMs ?? 1000;
  }

  private generationKey(subgraph: string): string {
    return `${this.prefix}generation:${subgraph}`;
  }

  /** The subgraph's current generation ('0' until its entries are first dropped). */
  private async generation(subgraph: string): Promise<string> {
    const known = this.generations.get(subgraph);
    if (known && Date.now() - known.readAt < this.generationTtlMs) return known.value;
    const value = (await this.cache.get(this.generationKey(subgraph))) ?? '0';
    this.generations.set(subgraph, { value, readAt: Date.now() });
    return value;
  }

  /**
   * Drops every entry of a subgraph, for every replica sharing the cache, and
   * resolves to the new generation (`generation` when given: replicas told
   * of a drop take the generation it made, so that they agree). The
   * generation outlives the longest entry: when it expires, nothing written
   * under the generation before it is left to come back.
   */
  async invalidateSubgraph(subgraph: string, generation: string = randomUUID()): Promise<string> {
    this.generations.set(subgraph, { value: generation, readAt: Date.now() });
    await this.cache.set(this.generationKey(subgraph), generation, this.maxTtlSeconds + 60);
    return generation;
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
      // The planner names each fetch after the client's operation (`Page__crm__1`); the name changes
      // nothing in a one-operation document, and without it two operations share their fetches.
      .update(request.query.replace(ANONYMOUS, '$1'))
      .update('\0')
      .update(stableJson(request.variables ?? {}))
      .digest('base64url');
    return `${subgraph}:${hash}`;
  }

  /**
   * The cached response of a fetch, or the result of `fetch` — fetched once for
   * all identical concurrent calls. `store` decides whether and how long a
   * fresh result is kept (from its cache hints), and which tags it carries.
   * `trail`, when given, notes what the answer rests on (tags, how long it
   * stays valid, or that it may not be kept), for the response cache.
   * `request`, when given, is the client request the fetch is for (its
   * context): once one of its fetches missed, its later ones are fetched
   * without a lookup (see the top of this file); they still share identical
   * fetches in flight, and are still written.
   */
  async getOrFetch<T>(
    subgraph: string,
    key: string,
    decode: (body: string) => T,
    fetch: () => Promise<T>,
    store: (result: T) => { body: string; ttlSeconds: number; tags: string[] } | null,
    trail?: FetchTrail,
    request?: object,
  ): Promise<T> {
    key = `${await this.generation(subgraph)}:${key}`;
    const lookup = !(request && this.missed.has(request));
    const cached = lookup ? await this.cache.get(this.prefix + key) : undefined;
    if (cached !== undefined) {
      this.observer?.lookup(subgraph, 'hit');
      const newline = cached.indexOf('\n');
      const meta = JSON.parse(cached.slice(0, newline)) as EntryMeta;
      noteFetch(trail, { tags: meta.tags, ttlSeconds: Math.floor((meta.expiresAt - Date.now()) / 1000) });
      return decode(cached.slice(newline + 1));
    }
    if (request) this.missed.add(request);
    const pending = this.inFlight.get(key) as Promise<Fetched<T>> | undefined;
    if (pending) {
      this.observer?.lookup(subgraph, 'coalesced');
      const { result, kept } = await pending;
      noteFetch(trail, kept);
      return result;
    }
    this.observer?.lookup(subgraph, 'miss');
    let written: Promise<void> | null = null;
    const promise = (async (): Promise<Fetched<T>> => {
      const result = await fetch();
      const entry = store(result);
      const ttl = entry ? Math.min(entry.ttlSeconds, this.maxTtlSeconds) : 0;
      if (!entry || ttl < 1) return { result, kept: null };
      const meta: EntryMeta = { expiresAt: Date.now() + ttl * 1000, tags: entry.tags };
      // Written off the response path (a miss answers as fast as no cache would); the misses
      // that arrive meanwhile still share this fetch, until the entry is there for them.
      written = writeTagged(
        this.cache,
        this.prefix + key,
        `${JSON.stringify(meta)}\n${entry.body}`,
        ttl,
        entry.tags,
      ).catch(() => {
        // The cache degrades to a miss next time: it never fails the answer.
      });
      return { result, kept: { tags: entry.tags, ttlSeconds: ttl } };
    })();
    this.inFlight.set(key, promise);
    try {
      const { result, kept } = await promise;
      noteFetch(trail, kept);
      return result;
    } finally {
      const done = () => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      };
      // A batching cache sends every later read after the queued write (they find the entry): the
      // fetch is shared until its answer is there. Otherwise, until the entry is written.
      if (written && !this.cache.setTagged) void (written as Promise<void>).then(done);
      else done();
    }
  }

  /**
   * A fingerprint of the current generations of these subgraphs: a key built
   * with it changes whenever one of them is dropped as a whole.
   */
  async generationsOf(subgraphs: string[]): Promise<string> {
    const generations = await Promise.all(subgraphs.map((name) => this.generation(name)));
    return generations.join(',');
  }

  /** Drops every entry carrying one of the tags; returns how many entries went. */
  async invalidate(tags: string[]): Promise<number> {
    if (!this.cache.invalidateTags || tags.length === 0) return 0;
    return this.cache.invalidateTags(tags);
  }
}

/** A cache that can queue a write with its tags (BatchedCache: written in one pipeline, off the response path). */
export interface TaggedWrites {
  setTagged?(key: string, value: string, ttlSeconds: number, tags: string[]): Promise<void>;
}

/** Writes an entry and its tags: queued when the cache batches writes, else one command after the other. */
export async function writeTagged(
  cache: Cache & TaggedWrites,
  key: string,
  value: string,
  ttlSeconds: number,
  tags: string[],
): Promise<void> {
  if (cache.setTagged) return cache.setTagged(key, value, ttlSeconds, tags);
  await cache.set(key, value, ttlSeconds);
  await cache.tag?.(tags, key, ttlSeconds);
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

/** The operation name of a one-operation document, to leave out of its key. */
const ANONYMOUS = /^(\s*(?:query|mutation|subscription))\s+[_A-Za-z][_0-9A-Za-z]*/;

/**
 * Response key under which the fetch cache asks every object's type. An alias,
 * not `__typename` itself: the query planner merges each fetch's answer into
 * the entities it has, and a `__typename` the planner did not ask for would
 * overwrite the one it knows. An `@interfaceObject` subgraph answers
 * `__typename` with the interface's name (`Account`), not the concrete type
 * (`User`): merged, it made the gateway drop every `... on User` field of the
 * answer, silently. The aliased field is read for the tags, then removed from
 * the answer before the planner sees it (`withoutAddedTypenames`).
 */
export const TYPENAME_ALIAS = '_c360_typename';

const TYPENAME: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: TYPENAME_ALIAS },
  name: { kind: Kind.NAME, value: '__typename' },
};
const typenamed = new LRUCache<string, string>({ max: 2000 });

/**
 * The subgraph query with every object's type asked (as `_c360_typename`) in
 * every selection set below the root, so that every Customer in the answer
 * says what it is and its entry is tagged with it (the query planner asks for
 * `__typename` only where a later fetch needs it: a customer page served by
 * identity alone would otherwise carry no tag, and a merge could not drop it).
 * The answer is given back to the planner without them (`withoutAddedTypenames`),
 * so the planner sees exactly what the subgraph answers to its own query.
 * Memoised per query text (plans are cached, so texts repeat).
 */
export function withTypenames(query: string): string {
  let rewritten = typenamed.get(query);
  if (rewritten === undefined) {
    rewritten = print(
      visit(parse(query), {
        SelectionSet: {
          leave(node: SelectionSetNode, _key, parent) {
            const owner = parent as { kind?: string } | undefined;
            if (owner?.kind === Kind.OPERATION_DEFINITION) return undefined;
            if (node.selections.some((s) => s.kind === Kind.FIELD && s.alias?.value === TYPENAME_ALIAS)) {
              return undefined;
            }
            return { ...node, selections: [...node.selections, TYPENAME] };
          },
        },
      }),
    );
    typenamed.set(query, rewritten);
  }
  return rewritten;
}

/** A subgraph answer without the `_c360_typename` fields `withTypenames` added (a copy; the input is left as is). */
export function withoutAddedTypenames<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutAddedTypenames) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key !== TYPENAME_ALIAS) copy[key] = withoutAddedTypenames(item);
  }
  return copy as T;
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
  const typename = object[TYPENAME_ALIAS] ?? object.__typename;
  if (typename === 'Customer' && typeof object.id === 'string') tags.add(customerTag(object.id));
  for (const value of Object.values(object)) collectCustomerIds(value, tags, depth + 1);
}
