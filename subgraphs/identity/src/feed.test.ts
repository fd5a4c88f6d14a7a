import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { MemoryCache } from '@c360/kit/cache';
import { decodeCursor, encodeCursor, type ObservationFeedPage, type ObservedRecord } from '@c360/kit/feed';
import { createLogger } from '@c360/kit/logger';
import { uniqueSystem } from '@c360/kit/testing';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { FeedConsumer, markPageDone } from './feed';
import { IdentityGraph } from './graph';
import { migrate } from './migrations';
import { removeTestData } from './testing';

const logger = createLogger('silent');
let driver: Driver;

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  await migrate(driver);
});
afterAll(() => driver.close());

/**
 * A source's observation feed over fixed records, paged like the real ones,
 * that can be told to fail a given request: a source or network outage mid-feed.
 */
async function feedServer(records: ObservedRecord[], failOnRequest?: number) {
  const requests: (string | null)[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const after = url.searchParams.get('after');
    requests.push(after);
    if (requests.length === failOnRequest) {
      res.writeHead(503).end('source down');
      return;
    }
    const limit = Number(url.searchParams.get('limit'));
    const start = after ? records.findIndex((r) => r.localId === decodeCursor(after).localId) + 1 : 0;
    const page = records.slice(start, start + limit);
    const last = page[page.length - 1];
    const body: ObservationFeedPage = {
      records: page,
      nextCursor: last ? encodeCursor({ updatedAt: last.observedAt, localId: last.localId }) : after,
      hasMore: page.length === limit,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/observations`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function graphCounts(system: string) {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system})
     OPTIONAL MATCH (r)-[h:HAS]->(i:Identifier)
     OPTIONAL MATCH (r)-[b:BELONGS_TO]->(c:Customer)
     OPTIONAL MATCH (e:IdentityEvent {system: $system, localId: r.localId})
     RETURN count(DISTINCT r) AS records, count(DISTINCT i) AS identifiers, count(DISTINCT c) AS customers,
            count(DISTINCT b) AS links, count(DISTINCT e) AS events`,
    { system },
  );
  return records[0]!.toObject();
}

describe('FeedConsumer (real Neo4j)', () => {
  const system = uniqueSystem('feed');
  const tag = randomUUID().slice(0, 8);
  // 25 records of 10 people: records 3k, 3k+1, 3k+2 … share the person's email, in national phone format too.
  const records: ObservedRecord[] = Array.from({ length: 25 }, (_, i) => ({
    system,
    localId: `r${String(i).padStart(3, '0')}`,
    observedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    identifiers: [
      { kind: 'EMAIL', value: ` Person${Math.floor(i / 3)}.${tag}@Example.com ` },
      ...(i % 5 === 0 ? [{ kind: 'PHONE' as const, value: 'not a phone' }] : []),
    ],
  }));

  afterAll(() => removeTestData(driver, system, tag));

  /** The same records for a test of its own: another source, and other identifier values than the other tests'. */
  const ownRecords = (source: string, ownTag: string): ObservedRecord[] =>
    records.map((r) => ({
      ...r,
      system: source,
      identifiers: r.identifiers.map((i) => ({ ...i, value: i.value.replace(tag, ownTag) })),
    }));

  it('resumes after a source outage from the last ingested page, losing nothing', async () => {
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    const source = await feedServer(records, 3);
    try {
      const consumer = new FeedConsumer(graph, [{ name: system, url: source.url }], logger, { pageSize: 10 });
      await expect(consumer.runOnce()).rejects.toThrow(`observation feed of ${system} answered HTTP 503: source down`);
      expect(await graphCounts(system)).toMatchObject({ records: 20 });
      const [result] = await consumer.runOnce();
      // The retry starts after page 2, not from the beginning.
      expect(source.requests.slice(3)).toEqual([source.requests[2]]);
      expect(result).toEqual({ source: system, records: 5, pages: 1, rejected: 1 });
      expect(await graphCounts(system)).toMatchObject({ records: 25, identifiers: 9, customers: 9 });
    } finally {
      await source.close();
    }
  });

  it('leaves no mark behind the watermark when a second consumer commits a page the watermark has passed', async () => {
    const late = uniqueSystem('feedlate');
    const ownTag = randomUUID().slice(0, 8);
    const own = ownRecords(late, ownTag);
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    const source = await feedServer(own);
    try {
      const consumer = new FeedConsumer(graph, [{ name: late, url: source.url }], logger, { pageSize: 10 });
      await consumer.runOnce();
      const end = await graph.feedCursor(late);
      // A second consumer read page 2 before the watermark passed it, and commits it only now (then dies before
      // its own advance): its page's transaction, with the page's mark, as FeedConsumer writes it.
      const after = encodeCursor({ updatedAt: own[9]!.observedAt, localId: own[9]!.localId });
      const next = encodeCursor({ updatedAt: own[19]!.observedAt, localId: own[19]!.localId });
      const session = driver.session();
      try {
        await session.executeWrite((tx) => markPageDone(tx, late, after, next));
      } finally {
        await session.close();
      }
      // No mark past the watermark's reach: the next run reads from the end, and nothing is pending.
      expect(await graph.feedPages(late)).toEqual(new Map());
      const [again] = await consumer.runOnce();
      expect(again).toMatchObject({ records: 0, pages: 0 });
      expect(await graph.feedCursor(late)).toBe(end);
    } finally {
      await source.close();
      await removeTestData(driver, late, ownTag);
    }
  });

  it('skips a page marked done beyond the watermark (ingested before a crash by a parallel worker), reading on after it', async () => {
    const marked = uniqueSystem('feedmark');
    const ownTag = randomUUID().slice(0, 8);
    const own = ownRecords(marked, ownTag);
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    const source = await feedServer(own);
    try {
      // Page 2 of 3 (records 10-19) committed with its mark, page 1 not: the watermark is still at the start.
      const after = encodeCursor({ updatedAt: own[9]!.observedAt, localId: own[9]!.localId });
      const next = encodeCursor({ updatedAt: own[19]!.observedAt, localId: own[19]!.localId });
      await driver.executeQuery('CREATE (:FeedPage {source: $source, after: $after, next: $next})', {
        source: marked,
        after,
        next,
      });
      const consumer = new FeedConsumer(graph, [{ name: marked, url: source.url }], logger, {
        pageSize: 10,
        workers: 3,
      });
      const [result] = await consumer.runOnce();
      // Pages 1 and 3 only: page 2 is neither read nor applied again.
      expect(result).toMatchObject({ records: 15, pages: 2 });
      expect(source.requests).toEqual([null, next]);
      expect(await graphCounts(marked)).toMatchObject({ records: 15 });
      const { records: state } = await driver.executeQuery(
        `MATCH (f:FeedCursor {source: $source})
         RETURN f.cursor AS cursor, COUNT { (p:FeedPage {source: $source}) WHERE p.passedAt IS NULL } AS marks`,
        { source: marked },
      );
      expect(state[0]!.toObject()).toEqual({
        cursor: encodeCursor({ updatedAt: own[24]!.observedAt, localId: own[24]!.localId }),
        marks: 0,
      });
    } finally {
      await source.close();
      await removeTestData(driver, marked, ownTag);
    }
  });

  it('changes nothing when the whole feed is replayed from the start', async () => {
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    const before = await graphCounts(system);
    await driver.executeQuery('MATCH (f:FeedCursor {source: $system}) DELETE f', { system });
    const source = await feedServer(records);
    try {
      const [result] = await new FeedConsumer(graph, [{ name: system, url: source.url }], logger, {
        pageSize: 7,
      }).runOnce();
      expect(result).toMatchObject({ records: 25, pages: 4 });
      expect(await graphCounts(system)).toEqual(before);
    } finally {
      await source.close();
    }
  });
});
