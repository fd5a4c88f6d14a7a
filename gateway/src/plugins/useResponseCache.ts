/**
 * Whole answers to queries, cached in front of query planning and execution.
 *
 * The fetch cache (cache/fetch-cache.ts) already spares the subgraphs; what is
 * left on a warm customer page is the gateway's own work: planning, a dozen
 * cache lookups, merging the answers. This plugin keeps the finished answer,
 * so that a repeated page costs one cache read.
 *
 * It derives everything from the fetches the answer was built from (their
 * `FetchTrail`): an answer is kept only when every fetch could be kept, for
 * the shortest time any of them stays valid, tagged with all their tags — so
 * that invalidating a customer, a source record (`FetchCache.invalidate`) or
 * a whole subgraph (its generation is part of the key) drops the answers built
 * on it too. Answers with errors are never kept. Keys are per scope set, as
 * the fetch cache's are, so callers who may see different data never share
 * an answer; PII checks and the audit run before the lookup, on every request.
 *
 * Identical concurrent misses are coalesced: the first one runs, the others
 * wait for its answer (per process).
 *
 * Admission (`admission`, by default on the second miss): an answer is kept,
 * with the fetches it was built from, only when the same answer (same key)
 * was asked for and missed before, within `windowSeconds`. A first miss only
 * leaves a mark (one small key, written off the response path) and runs as it
 * would without a cache: no fetch lookups, no added types, nothing written.
 * Most of a call centre's pages are asked for once — every call is another
 * customer — and writing each of them (a dozen entries and their tags) cost
 * more than the cache ever gave back: a cold cache was slower than none.
 * What is asked for twice is kept from its second answer on. The mark is read
 * in the same `MGET` as the answer, so a hit costs nothing more.
 */
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { Cache } from '@c360/kit/cache';
import {
  newFetchTrail,
  stableJson,
  writeTagged,
  type FetchCache,
  type FetchTrail,
  type TaggedWrites,
} from '../cache/fetch-cache';

export interface ResponseCacheObserver {
  /** One lookup of a query's answer: `coalesced` when it waited for an identical request. */
  lookup(outcome: 'hit' | 'miss' | 'coalesced'): void;
}

export interface ResponseCacheOptions<TContext extends BaseContext> {
  /** Where answers are kept: the fetch cache's store, so that both share tags. */
  cache: Cache & TaggedWrites;
  /** The fetch cache: its trails say what an answer rests on, its generations key the answers. */
  fetchCache: FetchCache;
  /** The subgraph names, whose generations are part of every key. */
  subgraphs: () => string[];
  /** The partition of a request: callers in different partitions never share an answer. */
  partitionOf: (context: TContext) => string;
  /** Key prefix inside the cache. @default 'gw:response:' */
  prefix?: string;
  /**
   * When an answer is first kept: on its `first` miss, or on its `second` miss within `windowSeconds`
   * (see the top of this file). @default { keepOn: 'second', windowSeconds: 900 }
   */
  admission?: { keepOn: 'first' | 'second'; windowSeconds: number };
  observer?: ResponseCacheObserver;
}

interface CacheableContext {
  fetchTrail?: FetchTrail;
}

export function useResponseCache<TContext extends BaseContext & CacheableContext>(
  options: ResponseCacheOptions<TContext>,
): ApolloServerPlugin<TContext> {
  const prefix = options.prefix ?? 'gw:response:';
  const admission = options.admission ?? { keepOn: 'second', windowSeconds: 900 };
  const inFlight = new Map<string, Promise<string | null>>();

  const answer = (body: string): GraphQLResponse => ({
    http: { status: undefined, headers: new HeaderMap([['x-c360-cache', 'hit']]) },
    body: { kind: 'single', singleResult: JSON.parse(body) as FormattedExecutionResult },
  });

  return {
    async requestDidStart({ contextValue }) {
      let key: string | null = null;
      let settle: ((body: string | null) => void) | null = null;
      let served = false;
      return {
        async responseForOperation({ operation, operationName, queryHash, request }) {
          if (operation.operation !== 'query') return null;
          const generations = await options.fetchCache.generationsOf(options.subgraphs());
          key = createHash('sha256')
            .update(options.partitionOf(contextValue))
            .update('\0')
            .update(generations)
            .update('\0')
            .update(queryHash ?? '')
            .update('\0')
            .update(operationName ?? '')
            .update('\0')
            .update(stableJson(request.variables ?? {}))
            .digest('base64url');
          // The answer and, where only a second miss is kept, the mark of an earlier miss: one MGET.
          const [cached, seen] = await Promise.all([
            options.cache.get(prefix + key),
            admission.keepOn === 'second' ? options.cache.get(`${prefix}seen:${key}`) : Promise.resolve('1'),
          ]);
          if (cached !== undefined) {
            options.observer?.lookup('hit');
            served = true;
            return answer(cached);
          }
          const pending = inFlight.get(key);
          if (pending) {
            const body = await pending;
            if (body !== null) {
              options.observer?.lookup('coalesced');
              served = true;
              return answer(body);
            }
          }
          options.observer?.lookup('miss');
          if (!inFlight.has(key)) {
            const own = key;
            inFlight.set(
              own,
              new Promise<string | null>((resolve) => {
                settle = (body) => {
                  inFlight.delete(own);
                  resolve(body);
                };
              }),
            );
          }
          const admit = seen !== undefined;
          // A first miss leaves its mark, queued with the turn's other writes; the next miss is kept.
          if (!admit) {
            void writeTagged(options.cache, `${prefix}seen:${key}`, '1', admission.windowSeconds, []).catch(() => {});
          }
          // The subgraph fetches of this request note what they rest on here (and whether they are kept).
          contextValue.fetchTrail = newFetchTrail(admit);
          return null;
        },
        async willSendResponse({ response }) {
          if (served || key === null) return;
          const trail = contextValue.fetchTrail;
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          const keep =
            trail?.admit === true &&
            result !== null &&
            !result.errors?.length &&
            trail !== undefined &&
            trail.fetches > 0 &&
            !trail.uncacheable &&
            Number.isFinite(trail.ttlSeconds) &&
            trail.ttlSeconds >= 1;
          const body = keep ? JSON.stringify(result) : null;
          // Coalesced requests get the answer now; the entry is written off the response path
          // (queued, one pipeline with the turn's other writes).
          settle?.(body);
          if (body !== null) {
            void writeTagged(options.cache, prefix + key, body, trail!.ttlSeconds, [...trail!.tags]).catch(() => {});
          }
        },
      };
    },
  };
}
