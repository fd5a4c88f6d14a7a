import type { Logger } from '@c360/kit/logger';
import type { ObservationFeedPage } from '@c360/kit/feed';
import type { IdentityGraph, Observation } from './graph';
import { normalizeIdentifier, type NormalizeOptions } from './normalize';
import { matchKeysOf } from './matching/live';
import { nameKey } from './rules';

export interface FeedSource {
  /** Source system name, e.g. crm. */
  name: string;
  /** Base URL of the source subgraph's observation feed, e.g. http://127.0.0.1:4002/observations */
  url: string;
}

/**
 * Records asked per page. A page is ingested in one transaction whose cost is
 * mostly per record, plus a few round trips per page: larger pages amortise
 * the round trips (the feeds serve up to 10 000 records a page).
 */
export const DEFAULT_FEED_PAGE_SIZE = 5000;

export interface FeedRunResult {
  source: string;
  records: number;
  pages: number;
  /** Identifiers dropped because the source holds an invalid value (they never reach the graph). */
  rejected: number;
}

/**
 * Consumes the sources' observation feeds into the identity graph, page by
 * page. The watermark is saved in the graph after each page is ingested, so a
 * crash or a Neo4j outage resumes at the last ingested page (at-least-once;
 * ingestion is idempotent, so a page seen twice changes nothing).
 */
export class FeedConsumer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<FeedRunResult[]> | undefined;

  constructor(
    private readonly graph: IdentityGraph,
    private readonly sources: FeedSource[],
    private readonly logger: Logger,
    private readonly options: { pageSize?: number; normalize?: NormalizeOptions; fetchTimeoutMs?: number } = {},
  ) {}

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
    // Sources one after the other: the graph serialises writes anyway.
    const results: FeedRunResult[] = [];
    for (const source of this.sources) results.push(await this.drain(source, onProgress));
    return results;
  }

  private async drain(source: FeedSource, onProgress?: (result: FeedRunResult) => void): Promise<FeedRunResult> {
    const result: FeedRunResult = { source: source.name, records: 0, pages: 0, rejected: 0 };
    let cursor = await this.graph.feedCursor(source.name);
    let next = this.fetchPage(source, cursor);
    for (;;) {
      const page = await next;
      if (page.hasMore) {
        // The next page is read while this one is ingested (dropped if the ingestion fails).
        next = this.fetchPage(source, page.nextCursor ?? cursor);
        next.catch(() => undefined);
      }
      if (page.records.length > 0) {
        await this.graph.observe(this.toObservations(source, page, result));
        result.records += page.records.length;
        result.pages += 1;
        onProgress?.(result);
      }
      if (page.nextCursor && page.nextCursor !== cursor) {
        await this.graph.saveFeedCursor(source.name, page.nextCursor);
        cursor = page.nextCursor;
      }
      if (!page.hasMore) return result;
    }
  }

  /** Normalises a page's identifiers; invalid values are counted in `result.rejected` and dropped. */
  private toObservations(source: FeedSource, page: ObservationFeedPage, result: FeedRunResult): Observation[] {
    return page.records.map((rec) => ({
      system: rec.system,
      localId: rec.localId,
      observedAt: rec.observedAt,
      nameKey: nameKey(rec.name),
      // A source that sends no match attributes leaves the record out of probabilistic matching.
      ...(rec.match !== undefined && { match: matchKeysOf(rec.match) }),
      identifiers: rec.identifiers.flatMap((idf) => {
        try {
          return [normalizeIdentifier(idf.kind, idf.value, idf.region, this.options.normalize)];
        } catch {
          result.rejected += 1;
          this.logger.debug(
            { source: source.name, localId: rec.localId, kind: idf.kind },
            'invalid identifier skipped',
          );
          return [];
        }
      }),
    }));
  }

  private async fetchPage(source: FeedSource, cursor: string | null): Promise<ObservationFeedPage> {
    const url = new URL(source.url);
    url.searchParams.set('limit', String(this.options.pageSize ?? DEFAULT_FEED_PAGE_SIZE));
    if (cursor) url.searchParams.set('after', cursor);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 30_000) });
    } catch (err) {
      throw new Error(`observation feed of ${source.name} at ${url.origin} did not answer: ${(err as Error).message}`);
    }
    if (!response.ok) {
      throw new Error(`observation feed of ${source.name} answered HTTP ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as ObservationFeedPage;
  }
}
