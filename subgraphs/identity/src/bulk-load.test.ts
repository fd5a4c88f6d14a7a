/**
 * The bulk first load against the feeds: the same synthetic feeds (people
 * from four sources, merges then splits, a family email past the guards, a
 * block-listed value) ingested by the write path and, into the wiped graph,
 * by the bulk load, must give the same customers, the same blocked
 * identifiers and the same links and events; the feeds must then go on from
 * the watermarks the load wrote. On a Neo4j of the test's own, in a
 * temporary folder: the load stops the server for the importer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import pino from 'pino';
import { bundledImportTarget, startBundledNeo4j, type BundledNeo4j } from '@c360/embedded/neo4j';
import type { ObservedRecord } from '@c360/kit/feed';
import { MemoryCache } from '@c360/kit/cache';
import { bulkLoad, BulkLoadRefused, planBulkLoad } from './bulk-load';
import { checkIdentityGraph, partitionOf } from './check';
import { FeedConsumer } from './feed';
import { IdentityGraph } from './graph';
import { migrate } from './migrations';
import { normalizeIdentifier } from './normalize';
import { DEFAULT_RULES } from './rules';
import { wipeNeo4j } from '../scripts/eval-neo4j';
import { pageReader, syntheticFeeds } from '../scripts/synthetic';
import { freePort } from '@c360/test-setup/ports';

const SYSTEMS = ['crm', 'shop', 'web', 'surveys'];
const RECORDS = 2000;
// A shop's own phone on the tills' records, all of one name: past its kind's maxRecords (25), not its maxNames.
const TILLS = 30;
const logger = pino({ level: 'warn' });
const dataDir = mkdtempSync(path.join(tmpdir(), 'c360-bulk-load-'));
let server: BundledNeo4j;

/** The server of this test, stopped and started around the importer (set in beforeAll). */
let target: ReturnType<typeof bundledImportTarget>;
/** The driver of the moment: a new one after each import (the new database has none of the old one's transactions). */
const db = () => target.driver();

const consumerOf = (feeds: Map<string, ObservedRecord[]>) =>
  new FeedConsumer(
    new IdentityGraph(db(), new MemoryCache(), logger),
    SYSTEMS.map((name) => ({ name, fetchPage: pageReader(feeds.get(name) ?? []) })),
    logger,
    { workers: 2, pageSize: 250 },
  );

/** What the two loads must agree on, beyond the partition. */
async function graphFacts(d: Driver) {
  const { records: blocked } = await d.executeQuery(
    `MATCH (i:Identifier) WHERE i.blocked RETURN i.kind + ' ' + i.value + ' ' + i.blockedReason AS b ORDER BY b`,
  );
  const { records: counts } = await d.executeQuery(
    `CALL { MATCH (:SourceRecord)-[h:HAS]->(:Identifier) RETURN count(h) AS has }
     CALL { MATCH (:SourceRecord)-[b:BELONGS_TO]->(:Customer) RETURN count(b) AS belongs }
     CALL { MATCH (e:IdentityEvent {type: 'assign'}) RETURN count(DISTINCT [e.system, e.localId]) AS assigned }
     CALL { MATCH (i:Identifier) RETURN count(i) AS identifiers }
     CALL { MATCH (c:Customer) WHERE NOT (c)-[:MERGED_INTO]->() RETURN count(c) AS customers }
     RETURN has, belongs, assigned, identifiers, customers`,
  );
  return { blocked: blocked.map((r) => r.get('b') as string), counts: counts[0]!.toObject() };
}

beforeAll(async () => {
  server = await startBundledNeo4j({ port: await freePort(), dataDir: path.join(dataDir, 'neo4j'), logger });
  target = bundledImportTarget(server, path.join(dataDir, 'neo4j'));
  await migrate(db());
}, 300_000);

afterAll(async () => {
  await target?.driver().close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bulk first load', () => {
  const data = syntheticFeeds({ records: RECORDS, seed: 11, systems: SYSTEMS, tag: 'bulk', phoneDigit: 4 });
  const tills = Array.from({ length: TILLS }, (_, n): ObservedRecord => ({
    system: 'web',
    localId: `till-${n}`,
    observedAt: `2026-06-01T00:00:${String(n).padStart(2, '0')}.000Z`,
    name: 'Boutique Rivoli',
    identifiers: [
      { kind: 'PHONE', value: '+33140000000' },
      { kind: 'EMAIL', value: `till${n}.bulk@example.com` },
    ],
  }));
  // Values a CSV file must quote: a comma, quotes and a line break in a local id (the importer then reads
  // multi-line fields), and a record whose only identifier does not parse (it holds none, and is a customer alone).
  const odd: ObservedRecord[] = [
    {
      system: 'web',
      localId: 'till, "north"\nentrance',
      observedAt: '2026-06-02T00:00:00.000Z',
      name: 'Ann "Nan" O\'Neil',
      identifiers: [{ kind: 'EMAIL', value: tills[0]!.identifiers[1]!.value }],
    },
    {
      system: 'web',
      localId: 'no-valid-identifier',
      observedAt: '2026-06-02T00:00:01.000Z',
      identifiers: [{ kind: 'EMAIL', value: 'not an email' }],
    },
  ];
  data.feeds.set('web', [...data.feeds.get('web')!, ...tills, ...odd]);

  it('builds the graph the feeds build, and the feeds go on from its watermarks', async () => {
    const feeds = await consumerOf(data.feeds).runOnce();
    expect(feeds.reduce((a, r) => a + r.records, 0)).toBe(RECORDS + TILLS + odd.length);
    const viaFeeds = { partition: await partitionOf(db(), SYSTEMS), ...(await graphFacts(db())) };
    // The input exercises what it must: merges, and identifiers blocked by both guards and the block list.
    expect(viaFeeds.partition.some((members) => members.length >= 3)).toBe(true);
    expect(viaFeeds.blocked.some((b) => b.endsWith('too-many-records'))).toBe(true);
    expect(viaFeeds.blocked.some((b) => b.endsWith('block-list'))).toBe(true);

    await wipeNeo4j(db());
    await migrate(db());
    const progress: string[] = [];
    const result = await bulkLoad({
      target,
      read: (onPage) => consumerOf(data.feeds).readToEnd(onPage),
      rules: DEFAULT_RULES,
      workDir: path.join(dataDir, 'files'),
      onProgress: (line) => progress.push(line),
    });
    expect(result.observations).toBe(RECORDS + TILLS + odd.length);
    expect(progress.some((line) => line.startsWith('indexes online'))).toBe(true);
    const viaBulk = { partition: await partitionOf(db(), SYSTEMS), ...(await graphFacts(db())) };
    expect(viaBulk.partition).toContainEqual(['web/no-valid-identifier']);
    expect(viaBulk.partition).toContainEqual(['web/till, "north"\nentrance', 'web/till-0'].sort());
    expect(viaBulk).toEqual(viaFeeds);
    const violations = (await checkIdentityGraph(db())).filter((c) => c.violations > 0);
    expect(violations).toEqual([]);

    // Read again, the feeds have nothing new; a record arriving later joins the loaded customer of its email.
    const known = data.feeds.get('shop')![0]!;
    const email = known.identifiers.find((i) => i.kind === 'EMAIL')!;
    const later: ObservedRecord = {
      system: 'crm',
      localId: 'after-the-bulk-load',
      observedAt: '2027-01-01T00:00:00.000Z',
      identifiers: [email],
    };
    const grown = new Map(data.feeds);
    grown.set('crm', [...data.feeds.get('crm')!, later]);
    const after = await consumerOf(grown).runOnce();
    expect(after.reduce((a, r) => a + r.records, 0)).toBe(1);
    const graph = new IdentityGraph(db(), new MemoryCache(), logger);
    const customer = await graph.customerIdBySourceRecord(known.system, known.localId);
    expect(customer).not.toBeNull();
    expect(await graph.customerIdBySourceRecord('crm', 'after-the-bulk-load')).toBe(customer);
    expect(await graph.customerIdByIdentifier(normalizeIdentifier(email.kind, email.value))).toBe(customer);
  }, 600_000);

  it('refuses a graph that holds records, and leaves it as it was', async () => {
    const before = await graphFacts(db());
    await expect(
      bulkLoad({
        target,
        read: (onPage) => consumerOf(data.feeds).readToEnd(onPage),
        rules: DEFAULT_RULES,
        workDir: path.join(dataDir, 'files'),
      }),
    ).rejects.toThrow(BulkLoadRefused);
    expect(await graphFacts(db())).toEqual(before);
  });

  it('refuses records with match attributes while the probabilistic matcher is on', () => {
    const observation = {
      system: 'crm',
      localId: '1',
      observedAt: '2026-01-01T00:00:00.000Z',
      identifiers: [],
      match: { blocks: [], keys: {} } as never,
    };
    expect(() => planBulkLoad([observation], DEFAULT_RULES)).toThrow(/matching is on/);
    const off = { ...DEFAULT_RULES, matching: { ...DEFAULT_RULES.matching, enabled: false } };
    expect(planBulkLoad([observation], off).records).toHaveLength(1);
  });
});
