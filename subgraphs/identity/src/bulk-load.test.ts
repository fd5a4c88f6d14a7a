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
import { bulkLoad, BulkLoadRefused, HEAP_BYTES_PER_OBSERVATION, planBulkLoad } from './bulk-load';
import { matchKeysOf } from './matching/live';
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

/**
 * Synthetic feeds with match attributes, as the consumer hands their records to the plan (identifiers and match
 * keys normalised).
 */
const matchingObservations = (options: { records: number; seed: number; tag: string; phoneDigit: number }) => {
  const { feeds } = syntheticFeeds({ ...options, systems: SYSTEMS, matching: true });
  return SYSTEMS.flatMap((s) =>
    (feeds.get(s) ?? []).map((r) => ({
      system: r.system,
      localId: r.localId,
      observedAt: r.observedAt,
      identifiers: r.identifiers.map((i) => normalizeIdentifier(i.kind, i.value)),
      match: matchKeysOf(r.match),
    })),
  );
};

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

  it('stores match keys and blocks with the matcher off, and links nothing', () => {
    const observations = matchingObservations({ records: 300, seed: 12, tag: 'off', phoneDigit: 5 });
    const off = { ...DEFAULT_RULES, matching: { ...DEFAULT_RULES.matching, enabled: false } };
    const plan = planBulkLoad(observations, off);
    expect(plan.matching!.keys.every((k) => typeof k === 'string')).toBe(true);
    expect(plan.matching!.recordBlocks.every((b) => b.length > 0)).toBe(true);
    expect(plan.matching!.links).toEqual([]);
    expect(plan.matching!.scoredPairs).toBe(0);
  });

  it('decides the same plan with the matcher on two threads as on one', () => {
    const observations = matchingObservations({ records: 4000, seed: 13, tag: 'two', phoneDigit: 6 });
    const lines: string[] = [];
    const one = planBulkLoad(observations, DEFAULT_RULES, { threads: 1 });
    const two = planBulkLoad(observations, DEFAULT_RULES, { threads: 2, onProgress: (line) => lines.push(line) });
    // Customer ids are random: the same partition, links and reviews, by record.
    const partition = (plan: typeof one) => {
      const byCustomer = new Map<string, string[]>();
      plan.records.forEach((r, n) =>
        byCustomer.set(plan.customerOf[n]!, [...(byCustomer.get(plan.customerOf[n]!) ?? []), r.key]),
      );
      return [...byCustomer.values()].map((keys) => keys.sort().join(' ')).sort();
    };
    expect(partition(two)).toEqual(partition(one));
    expect(two.matching!.links).toEqual(one.matching!.links);
    expect(two.matching!.reviews).toEqual(one.matching!.reviews);
    expect(two.matching!.keys).toEqual(one.matching!.keys);
    expect(two.matching!.fingerprints).toEqual(one.matching!.fingerprints);
    expect(two.matching!.blocks).toEqual(one.matching!.blocks);
    expect(one.matching!.links.length).toBeGreaterThan(50);
    // The phases are said, and no thread failed.
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^deterministic decision: \d+ records in \d+ groups/),
        expect.stringMatching(
          /^matcher: \d+ pairs scored in \d+ bounded blocks \(\d+ of \d+ chunks on worker threads\)/,
        ),
      ]),
    );
    expect(lines.filter((l) => l.startsWith('warning'))).toEqual([]);
  });
});

describe('bulk first load with the probabilistic matcher on', () => {
  // People whose records share names, dates of birth and towns, and a tenth of them a record that shares no
  // identifier with their others (only the matcher joins it).
  const data = syntheticFeeds({
    records: 1500,
    seed: 21,
    systems: SYSTEMS,
    tag: 'match',
    phoneDigit: 6,
    matching: true,
  });
  // A doubtful pair for the review queue: the same family name, date of birth and town, another given name.
  const doubtful = (localId: string, givenName: string, email: string): ObservedRecord => ({
    system: localId.split('-')[0]!,
    localId,
    observedAt: '2026-12-01T00:00:00.000Z',
    name: `${givenName} Vasseur`,
    identifiers: [{ kind: 'EMAIL', value: email }],
    match: {
      givenName,
      familyName: 'Vasseur',
      dateOfBirth: '1961-04-12',
      city: 'Lyon',
      postcode: '69003',
      country: 'FR',
    },
  });
  data.feeds.get('crm')!.push(doubtful('crm-odile', 'Odile', 'odile.v@example.org'));
  data.feeds.get('surveys')!.push(doubtful('surveys-odette', 'Odette', 'odette.v@example.org'));

  /** The synthetic person of a record, read from the identifiers it was generated with (personN, pN, otherN, a mobile). */
  const personOf = (r: ObservedRecord): number => {
    for (const { value } of r.identifiers) {
      const found = /^\s*(?:person|p|other)(\d+)\.match@/i.exec(value) ?? /^\+336\d(\d{7})$/.exec(value);
      if (found) return Number(found[1]);
    }
    throw new Error(`no person in ${JSON.stringify(r)}`);
  };
  // The latest observation of each record says whose it is (a record observed twice held another person's email first).
  const truth = new Map<string, number>();
  // (The two doubtful records are two people of their own.)
  for (const log of data.feeds.values())
    for (const r of log)
      truth.set(
        `${r.system}/${r.localId}`,
        r.identifiers[0]!.value.endsWith('.v@example.org') ? -log.indexOf(r) - 1 : personOf(r),
      );

  /** Pairwise precision and recall of a partition against the people the records were generated for. */
  const score = (partition: string[][]) => {
    const pairs = (groups: string[][]) => {
      const out = new Set<string>();
      for (const g of groups)
        for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(`${g[i]} ${g[j]}`);
      return out;
    };
    const people = new Map<number, string[]>();
    for (const [record, person] of truth) people.set(person, [...(people.get(person) ?? []), record]);
    const expected = pairs([...people.values()].map((g) => g.sort()));
    const found = pairs(partition);
    const right = [...found].filter((p) => expected.has(p)).length;
    return { precision: right / Math.max(1, found.size), recall: right / Math.max(1, expected.size) };
  };

  /** What the matcher left in the graph. */
  async function matcherFacts(d: Driver) {
    const { records } = await d.executeQuery(
      `CALL { MATCH (:SourceRecord)-[s:SAME_AS {rule: $rule}]->(:SourceRecord) RETURN count(s) AS links }
       CALL { MATCH (r:SourceRecord) WHERE r.matchKeys IS NOT NULL RETURN count(r) AS keyed }
       CALL { MATCH (m:MatchReview {status: 'PENDING'})-[:CONCERNS]->(r:SourceRecord)-[:BELONGS_TO]->(c:Customer)
              WITH m, count(DISTINCT c) AS customers RETURN count(m) AS reviews, sum(CASE customers WHEN 1 THEN 1 ELSE 0 END) AS settled }
       CALL { MATCH (r:SourceRecord) WHERE r.matchKeys IS NOT NULL AND NOT (r)-[:IN_BLOCK]->(:MatchBlock) RETURN count(r) AS unblocked }
       CALL { MATCH (a:SourceRecord)<-[:CONCERNS {side: 'left'}]-(m:MatchReview)-[:CONCERNS {side: 'right'}]->(b:SourceRecord)
              WHERE m.pair <> a.system + '\\u0000' + a.localId + '\\u0001' + b.system + '\\u0000' + b.localId
              RETURN count(m) AS misnamed }
       RETURN links, keyed, reviews, settled, unblocked, misnamed`,
      { rule: 'probabilistic:fellegi-sunter' },
    );
    return records[0]!.toObject() as Record<string, number>;
  }

  it('joins the people the feeds join, at least as well, and the graph matches the records that come later', async () => {
    await wipeNeo4j(db());
    await migrate(db());
    // A load the heap cannot hold is refused after reading, saying how to give it the heap, before the server stops.
    await expect(
      bulkLoad({
        target,
        read: (onPage) => consumerOf(data.feeds).readToEnd(onPage),
        rules: DEFAULT_RULES,
        workDir: path.join(dataDir, 'files'),
        heapLimitBytes: 1500 * HEAP_BYTES_PER_OBSERVATION.matching,
      }),
    ).rejects.toThrow(/need about \d+ MiB of heap .* NODE_OPTIONS=--max-old-space-size=\d+/);
    expect((await graphFacts(db())).counts).toMatchObject({ belongs: 0, customers: 0 });

    await consumerOf(data.feeds).runOnce();
    const viaFeeds = { partition: await partitionOf(db(), SYSTEMS), matcher: await matcherFacts(db()) };
    // The input exercises the matcher: records joined by it alone.
    expect(viaFeeds.matcher.links).toBeGreaterThan(20);

    await wipeNeo4j(db());
    await migrate(db());
    const result = await bulkLoad({
      target,
      read: (onPage) => consumerOf(data.feeds).readToEnd(onPage),
      rules: DEFAULT_RULES,
      workDir: path.join(dataDir, 'files'),
    });
    expect(result.observations).toBe(data.observations + 2);
    const viaBulk = { partition: await partitionOf(db(), SYSTEMS), matcher: await matcherFacts(db()) };
    expect((await checkIdentityGraph(db())).filter((c) => c.violations > 0)).toEqual([]);
    // The feeds compare a record with the blocks as they are when it arrives (a block past its size limit later
    // was compared while small), so their links depend on the order of the pages; the bulk load compares every
    // pair of the load's bounded blocks. Both against the people the records were generated for:
    const [feeds, bulk] = [score(viaFeeds.partition), score(viaBulk.partition)];
    expect(bulk.precision).toBeGreaterThanOrEqual(feeds.precision - 0.01);
    expect(bulk.recall).toBeGreaterThanOrEqual(feeds.recall - 0.01);
    expect(bulk.precision).toBeGreaterThan(0.99);
    // Without the matcher's links the records sharing no identifier with their person's others would stay alone.
    expect(bulk.recall).toBeGreaterThan(0.99);
    // Every record with match attributes keeps its keys and blocks; a review left waiting is of two customers.
    // Its pair is named as the write path names it (which finds it again when either record is observed).
    expect(viaBulk.matcher).toMatchObject({ keyed: viaFeeds.matcher.keyed, settled: 0, unblocked: 0, misnamed: 0 });
    expect(viaBulk.matcher.links).toBeGreaterThan(20);
    expect(viaBulk.matcher.reviews).toBeGreaterThan(0);

    // A record observed later with a new email, but the name, date of birth and town of a loaded person, joins
    // that person's customer through the matcher and the blocks the load wrote.
    const [person] = data.feeds.get('crm')!.filter((r) => r.match);
    const later: ObservedRecord = {
      system: 'crm',
      localId: 'matched-after-the-bulk-load',
      observedAt: '2027-01-01T00:00:00.000Z',
      identifiers: [{ kind: 'EMAIL', value: 'someone.new@example.org' }],
      match: person!.match,
    };
    const grown = new Map(data.feeds);
    grown.set('crm', [...data.feeds.get('crm')!, later]);
    const after = await consumerOf(grown).runOnce();
    expect(after.reduce((a, r) => a + r.records, 0)).toBe(1);
    const graph = new IdentityGraph(db(), new MemoryCache(), logger);
    expect(await graph.customerIdBySourceRecord('crm', later.localId)).toBe(
      await graph.customerIdBySourceRecord(person!.system, person!.localId),
    );
  }, 600_000);
});
