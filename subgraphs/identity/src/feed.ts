import type { ManagedTransaction } from 'neo4j-driver';
import type { Logger } from '@c360/kit/logger';
import type { ObservationFeedPage } from '@c360/kit/feed';
import { SCOPES, signCaller } from '@c360/kit/auth';
import type { IdentityGraph, Observation } from './graph';
import { normalizeIdentifier, type NormalizeOptions } from './normalize';
import { matchKeysOf } from './matching/live';
import { nameKey } from './rules';

export interface FeedSource {
  /** Source system name, e.g. crm. */
  name: string;
  /** Base URL of the source subgraph's observation feed, e.g. http://127.0.0.1:4002/observations */
  url?: string;
  /** Reads a page in process instead of over HTTP (the page after `after`, at most `limit` records). */
  fetchPage?: (after: string | null, limit: number) => Promise<ObservationFeedPage>;
}

/** Who the consumer reads the feeds as: the sources' feeds need the feed:read scope. */
export const FEED_READER = Object.freeze({ client: 'identity-feed', scopes: Object.freeze([SCOPES.feedRead]) });

/**
 * Records asked per page. A page is ingested in one transaction whose cost is
 * mostly per record, plus a few round trips per page: larger pages amortise
 * the round trips (the feeds serve up to 10 000 records a page), smaller ones
 * hold fewer locks for less time, so that parallel writers wait less.
 */
export const DEFAULT_FEED_PAGE_SIZE = 5000;

/** Pages ingested at once by one consumer, across its sources. */
export const DEFAULT_FEED_WORKERS = 2;

export interface FeedRunResult {
  source: string;
  records: number;
  pages: number;
  /** Identifiers dropped because the source holds an invalid value (they never reach the graph). */
  rejected: number;
}

export interface FeedConsumerOptions {
  /** Records asked per page. @default DEFAULT_FEED_PAGE_SIZE */
  pageSize?: number;
  normalize?: NormalizeOptions;
  /** @default 30000 */
  fetchTimeoutMs?: number;
  /**
   * Pages ingested at once (each in its own transaction), across sources. The
   * next page is fetched only when a worker is free, so at most `workers + 1`
   * pages are held in memory, however far behind the feeds are.
   * @default DEFAULT_FEED_WORKERS
   */
  workers?: number;
  /**
   * The secret shared by the gateway and the subgraphs (SUBGRAPH_SHARED_SECRET): the feed requests are
   * signed with it, as FEED_READER. Read per request (rotation). Without one they go unsigned, which only
   * a development source serves. @default no secret
   */
  secret?: () => string | undefined;
}

/** A page of a feed as the consumer tracks it, in feed order. */
interface PageSlot {
  /** The cursor the page was read after ('' for the start of the feed). */
  after: string;
  next: string;
  done: boolean;
}

/** A counting semaphore: what bounds the pages in flight (back-pressure on the feeds). */
class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/**
 * Consumes the sources' observation feeds into the identity graph, several
 * pages at once. Each page is ingested in one transaction that also records
 * the page as done (a FeedPage node keyed by the cursor it was read after),
 * so a page's observations and its mark commit together or not at all: after
 * a crash, a page is never applied twice nor lost. The source's watermark
 * then moves over the pages done without a gap, and a restart skips the
 * pages done beyond it (pages commit out of order when several run at once).
 * Two consumers (replicas) reading one source never apply a page twice either:
 * they meet on the page's mark and on the records' uniqueness constraints.
 */
export class FeedConsumer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<FeedRunResult[]> | undefined;

  constructor(
    private readonly graph: IdentityGraph,
    private readonly sources: FeedSource[],
    private readonly logger: Logger,
    private readonly options: FeedConsumerOptions = {},
  ) {
    const workers = options.workers ?? DEFAULT_FEED_WORKERS;
    if (!Number.isInteger(workers) || workers < 1) {
      throw new Error(`FeedConsumer workers: expected a positive integer, received ${JSON.stringify(workers)}`);
    }
    for (const source of sources) {
      if (!source.url && !source.fetchPage) throw new Error(`feed source ${source.name}: expected a url or fetchPage`);
    }
  }

  /** Reads every source until it has nothing new. Concurrent calls share one run. */
  runOnce(onProgress?: (result: FeedRunResult) => void): Promise<FeedRunResult[]> {
    this.running ??= this.drainAll(onProgress).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Polls the feeds every `intervalMs` until stopped; a failing source is logged and retried next time. */
  start(intervalMs: number): void {
    const tick = async () => {
      try {
        await this.runOnce();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'observation feed run failed; retrying at next poll');
      }
      if (this.timer) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async drainAll(onProgress?: (result: FeedRunResult) => void): Promise<FeedRunResult[]> {
    // Sources side by side, sharing the workers: the graph's locks keep writes about one person apart.
    const slots = new Slots(this.options.workers ?? DEFAULT_FEED_WORKERS);
    const settled = await Promise.allSettled(this.sources.map((source) => this.drain(source, slots, onProgress)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<FeedRunResult>).value);
  }

  private async drain(
    source: FeedSource,
    slots: Slots,
    onProgress?: (result: FeedRunResult) => void,
  ): Promise<FeedRunResult> {
    const result: FeedRunResult = { source: source.name, records: 0, pages: 0, rejected: 0 };
    const watermark = (await this.graph.feedCursor(source.name)) ?? '';
    // Pages past the watermark that were ingested before (by this consumer before a crash, or by another).
    const marked = await this.graph.feedPages(source.name);
    const chain: PageSlot[] = [];
    let saved = watermark;
    let advancing = Promise.resolve();
    // Moves the watermark over the pages done without a gap, one move at a time.
    const advance = () => {
      advancing = advancing.then(async () => {
        const passed: string[] = [];
        let to = saved;
        while (chain.length > 0 && chain[0]!.done) {
          const slot = chain.shift()!;
          passed.push(slot.after);
          to = slot.next;
        }
        if (passed.length === 0 || to === saved) return;
        await this.graph.advanceFeedCursor(source.name, saved, passed, to);
        saved = to;
      });
      return advancing;
    };
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    let cursor = watermark;
    try {
      for (;;) {
        // Skip what was done already, without reading it again.
        while (marked.has(cursor)) {
          const next = marked.get(cursor)!;
          chain.push({ after: cursor, next, done: true });
          marked.delete(cursor);
          cursor = next;
        }
        await slots.take();
        if (failure) {
          slots.give();
          break;
        }
        let page: ObservationFeedPage;
        try {
          page = await this.fetchPage(source, cursor || null);
        } catch (err) {
          slots.give();
          throw err;
        }
        const next = page.nextCursor ?? cursor;
        if (page.records.length === 0 || next === cursor) {
          slots.give();
          if (!page.hasMore || next === cursor) break;
          cursor = next;
          continue;
        }
        const slot: PageSlot = { after: cursor, next, done: false };
        chain.push(slot);
        const observations = this.toObservations(source, page, result);
        const count = page.records.length;
        const ingestion = this.graph
          .observe(observations, undefined, {
            inTransaction: (tx) => markPageDone(tx, source.name, slot.after, slot.next),
          })
          .then(
            () => {
              slot.done = true;
              result.records += count;
              result.pages += 1;
              onProgress?.(result);
              return advance();
            },
            (err: unknown) => {
              failure ??= err;
            },
          )
          .finally(() => {
            slots.give();
            inFlight.delete(ingestion);
          });
        inFlight.add(ingestion);
        cursor = next;
        if (!page.hasMore) break;
      }
    } catch (err) {
      failure ??= err;
    }
    await Promise.all(inFlight);
    await advance();
    if (failure) throw failure;
    return result;
  }

  /**
   * Reads every source's feed from its start to its end, without the graph
   * (the bulk load, bulk-load.ts): hands each page's observations to `onPage`
   * and returns, per source, the cursor after its last page (the watermark the
   * feeds continue from once the load is in the graph).
   */
  async readToEnd(
    onPage: (observations: Observation[], result: FeedRunResult) => void,
  ): Promise<{ result: FeedRunResult; cursor: string | null }[]> {
    const read = async (source: FeedSource) => {
      const result: FeedRunResult = { source: source.name, records: 0, pages: 0, rejected: 0 };
      let cursor: string | null = null;
      for (;;) {
        const page = await this.fetchPage(source, cursor);
        const next: string | null = page.nextCursor ?? cursor;
        if (page.records.length > 0) {
          const observations = this.toObservations(source, page, result);
          result.records += page.records.length;
          result.pages += 1;
          onPage(observations, result);
        }
        // The watermark is the cursor after the last page read: the feed goes on from there.
        const last = !page.hasMore || next === cursor;
        cursor = next;
        if (last) break;
      }
      return { result, cursor };
    };
    return Promise.all(this.sources.map(read));
  }

  /** Normalises a page's identifiers; invalid values are counted in `result.rejected` and dropped. */
  private toObservations(source: FeedSource, page: ObservationFeedPage, result: FeedRunResult): Observation[] {
    return page.records.map((rec) => {
      // Invalid values link nothing deterministically, but the probabilistic matcher keeps them as text.
      const unreadable: { kind: string; value: string }[] = [];
      const identifiers = rec.identifiers.flatMap((idf) => {
        try {
          return [normalizeIdentifier(idf.kind, idf.value, idf.region, this.options.normalize)];
        } catch {
          result.rejected += 1;
          unreadable.push(idf);
          this.logger.debug(
            { source: source.name, localId: rec.localId, kind: idf.kind },
            'invalid identifier skipped',
          );
          return [];
        }
      });
      return {
        system: rec.system,
        localId: rec.localId,
        observedAt: rec.observedAt,
        nameKey: nameKey(rec.name),
        // A source that sends no match attributes leaves the record out of probabilistic matching.
        ...(rec.match !== undefined && { match: matchKeysOf(rec.match, unreadable) }),
        identifiers,
      };
    });
  }

  private async fetchPage(source: FeedSource, cursor: string | null): Promise<ObservationFeedPage> {
    const limit = this.options.pageSize ?? DEFAULT_FEED_PAGE_SIZE;
    if (source.fetchPage) return source.fetchPage(cursor, limit);
    const url = new URL(source.url!);
    url.searchParams.set('limit', String(limit));
    if (cursor) url.searchParams.set('after', cursor);
    let response: Response;
    try {
      const secret = this.options.secret?.();
      response = await fetch(url, {
        headers: secret ? signCaller(FEED_READER, secret) : {},
        signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new Error(`observation feed of ${source.name} at ${url.origin} did not answer: ${(err as Error).message}`);
    }
    if (!response.ok) {
      throw new Error(`observation feed of ${source.name} answered HTTP ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as ObservationFeedPage;
  }
}

/**
 * Marks a page as ingested, in the page's own transaction. MERGE: a second
 * consumer ingesting the same page waits here for the first to commit, and
 * by then its own writes found nothing left to change; after the watermark
 * has passed the page, it finds the mark's tombstone (see
 * IdentityGraph.advanceFeedCursor) and leaves nothing behind either.
 */
export async function markPageDone(tx: ManagedTransaction, source: string, after: string, next: string): Promise<void> {
  await tx.run(
    `MERGE (p:FeedPage {source: $source, after: $after})
     ON CREATE SET p.next = $next, p.doneAt = datetime()`,
    { source, after, next },
  );
}
