/**
 * The bulk first load of an empty identity graph (docs/identity-graph.md,
 * "Bulk first load"): every source's feed read from its start, the whole
 * resolution decided in memory by the same rules as the write path
 * (resolveClosedSet: resolve() over records that are their own closure, which
 * a first load's records are), and the graph written by Neo4j's own bulk
 * importer from CSV files, with the feeds' watermarks, so that the feeds go on
 * from where the load read them. The write path decides a page at a time
 * under locks, at about 0.9 ms of Neo4j CPU per record; the importer writes
 * the same nodes and relationships without transactions.
 *
 * What it writes is what the feeds would have written for the same
 * observations (same records, identifiers, customers, links, blocked
 * identifiers, one assign event per record): the test compares the two.
 * Records with match attributes get their match keys and blocks, and with
 * the probabilistic matcher on, its links and reviews, decided over every
 * pair of the load's bounded blocks at once (planMatching). What it does not
 * do: a graph that holds anything already (the importer replaces the database), a
 * Neo4j this process did not start (the importer needs it stopped: write the
 * files with `writeImportFiles` and run `neo4j-admin database import full`).
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Driver } from 'neo4j-driver';
import type { ImportFiles } from '@c360/embedded/neo4j';
import {
  idKey,
  incomingRecord,
  keepLatest,
  linkingValues,
  resolveClosedSet,
  type Actor,
  type IdentifierWrite,
  type IncomingRecord,
  type KnownIdentifier,
  type Observation,
} from './graph';
import { RULES } from './resolve';
import { blockListMatcher, type ResolutionRules } from './rules';
import { migrate } from './migrations';
import {
  matcherSettings,
  pairKey,
  MATCH_RULES,
  type Comparable,
  type MatcherSettings,
  type MatchKeys,
} from './matching/live';
import { MatchingThreads, variantMemo } from './matching/score-blocks';

/** Who a bulk load's links and events name. */
export const BULK_LOAD_ACTOR: Actor = { name: 'bulk-load', reason: 'first load of an empty graph' };

/** A bulk load that cannot go on, and what to do instead (`message`). */
export class BulkLoadRefused extends Error {
  override readonly name = 'BulkLoadRefused';
}

/** What a bulk load decided, in memory, before anything is written. */
export interface BulkPlan {
  /** The latest observation of each record. */
  records: IncomingRecord[];
  /** Per record (same index): its customer's id, and the rule that put it there. */
  customerOf: string[];
  ruleOf: string[];
  /** Every customer id, once. */
  customers: string[];
  /** Every identifier of the records, blocked ones with their reason. */
  identifiers: Map<string, IdentifierWrite>;
  /** Observations read (a record observed twice counts twice). */
  observations: number;
  /** What the probabilistic matcher stores and decided, when records carry match attributes. */
  matching: BulkMatching | null;
}

/**
 * A pair the matcher scored at or above the lower threshold: `from` is the record with the smaller key; its
 * score and probability rounded as shown, and its evidence as stored (JSON of evidenceOf).
 */
export interface BulkPair {
  from: number;
  to: number;
  score: number;
  probability: number;
  evidence: string;
}

/**
 * The matcher's part of a plan (what matchObserved writes for records observed with match attributes): per
 * record (same index as the plan's records) its match keys as stored (JSON; null for attributes with nothing
 * usable, undefined for a record observed without any), their fingerprint and blocks (indexes into `blocks`);
 * the pairs linked (SAME_AS) and those sent to review.
 */
export interface BulkMatching {
  keys: (string | null | undefined)[];
  fingerprints: (string | null)[];
  recordBlocks: number[][];
  blocks: string[];
  links: BulkPair[];
  reviews: BulkPair[];
  /** Candidate pairs scored (in bounded blocks, across two customers). */
  scoredPairs: number;
}

/** How planBulkLoad runs. */
export interface PlanOptions {
  /** Threads that score the matcher's candidate pairs, this one included. @default os.availableParallelism() */
  threads?: number;
  /** Progress lines (phases, pairs scored) and warnings (a scoring thread that failed: its pairs are scored here). */
  onProgress?: (line: string) => void;
}

/**
 * Decides the customers of a first load's observations, as the write path
 * would over the same observations: the latest observation of a record wins,
 * identifiers held by more records than their kind allows are blocked
 * (`too-many-records`, as blockOverused decides; blocked before resolve() so
 * that a value on thousands of records costs no pairs), then
 * resolveClosedSet over each group of records linked by their other
 * identifiers (a union-find over the whole load): every closure the write
 * path would resolve lies inside one group, so each group is its own closed
 * set, and small sets keep the garbage collector off a heap of a million
 * records' states.
 */
export function planBulkLoad(
  observations: Iterable<Observation>,
  rules: ResolutionRules,
  options: PlanOptions = {},
): BulkPlan {
  const say = options.onProgress ?? (() => {});
  const lap = laps();
  const latest = new Map<string, Observation>();
  let count = 0;
  for (const obs of observations) {
    count += 1;
    keepLatest(latest, obs);
  }
  const records: IncomingRecord[] = [];
  // Match keys as the feed consumer normalised them (matchKeysOf): undefined for a record observed without any.
  const matchKeys: (MatchKeys | null | undefined)[] = [];
  for (const [key, o] of latest) {
    records.push(incomingRecord(key, o));
    matchKeys.push(o.match);
  }
  latest.clear();

  // Each identifier's key, once (the maps below are keyed by it).
  const keysOf = records.map((r) => r.identifiers.map(idKey));
  // Identifiers on more records than their kind allows: blocked, and no link.
  const holders = new Map<string, number>();
  for (const keys of keysOf) for (const k of keys) holders.set(k, (holders.get(k) ?? 0) + 1);
  const isBlockListed = blockListMatcher(rules);
  const overused = new Map<string, IdentifierWrite>();
  // Keys that link nothing across records: overused or on the block list.
  const unlinked = new Set<string>();
  records.forEach((r, n) => {
    r.identifiers.forEach((i, j) => {
      const k = keysOf[n]![j]!;
      if (unlinked.has(k)) return;
      if (isBlockListed(i)) unlinked.add(k);
      else if (holders.get(k)! > rules.kinds[i.kind].maxRecords) {
        unlinked.add(k);
        overused.set(k, { kind: i.kind, value: i.value, blockedReason: 'too-many-records' });
      }
    });
  });
  holders.clear();

  // Groups of records sharing an identifier that may link (union-find by record index).
  const parent = new Int32Array(records.length).map((_, n) => n);
  const find = (n: number): number => {
    while (parent[n] !== n) {
      parent[n] = parent[parent[n]!]!;
      n = parent[n]!;
    }
    return n;
  };
  const firstHolder = new Map<string, number>();
  keysOf.forEach((keys, n) => {
    for (const k of keys) {
      if (unlinked.has(k)) continue;
      const other = firstHolder.get(k);
      if (other === undefined) firstHolder.set(k, n);
      else parent[find(n)] = find(other);
    }
  });
  firstHolder.clear();
  /** The records' indexes by their union-find root, for the roots `keep` accepts. */
  const groupsByRoot = (keep: (root: number) => boolean = () => true) => {
    const groups = new Map<number, number[]>();
    for (let n = 0; n < records.length; n++) {
      const root = find(n);
      if (!keep(root)) continue;
      const group = groups.get(root);
      if (group) group.push(n);
      else groups.set(root, [n]);
    }
    return groups;
  };
  const groups = groupsByRoot();

  const customerOf = new Array<string>(records.length);
  const ruleOf = new Array<string>(records.length);
  const identifiers = new Map<string, IdentifierWrite>();
  const decideGroup = (members: number[], sameAs?: Map<string, { other: string; rule: string }[]>) => {
    const set = members.map((n) => records[n]!);
    const known = new Map<string, KnownIdentifier>();
    for (const n of members)
      for (const k of keysOf[n]!) if (overused.has(k)) known.set(k, { blocked: true, holders: [] });
    const decided = resolveClosedSet(set, known, rules, isBlockListed, undefined, sameAs);
    for (const [k, i] of decided.identifiers) identifiers.set(k, i);
    const rule = new Map(decided.resolution.changes.map((c) => [c.key, c.rule]));
    for (const n of members) {
      const key = records[n]!.key;
      customerOf[n] = decided.resolution.assignment.get(key)!;
      ruleOf[n] = rule.get(key) ?? RULES.singleRecord;
    }
  };
  for (const members of groups.values()) decideGroup(members);
  for (const [k, i] of overused) identifiers.set(k, i);
  say(`deterministic decision: ${records.length} records in ${groups.size} groups, ${lap().toFixed(1)} s`);

  // The probabilistic matcher, after the deterministic decision as on the write path: records in bounded blocks
  // and in two customers are scored; the groups its links join are decided again, with the links.
  const matching = matchKeys.some((k) => k !== undefined)
    ? planMatching(records, matchKeys, customerOf, identifiers, rules, options, say, lap)
    : null;
  if (matching && matching.links.length > 0) {
    for (const { from, to } of matching.links) parent[find(from)] = find(to);
    const joined = new Set(matching.links.map(({ from }) => find(from)));
    // Each record's links, both ways; a group is decided with its own records' links only.
    const linked = new Map<number, number[]>();
    const link = (a: number, b: number) => {
      const others = linked.get(a);
      if (others) others.push(b);
      else linked.set(a, [b]);
    };
    for (const { from, to } of matching.links) {
      link(from, to);
      link(to, from);
    }
    for (const members of groupsByRoot((root) => joined.has(root)).values()) {
      const sameAs = new Map<string, { other: string; rule: string }[]>();
      for (const n of members) {
        const others = linked.get(n);
        if (others)
          sameAs.set(
            records[n]!.key,
            others.map((o) => ({ other: records[o]!.key, rule: MATCH_RULES.auto })),
          );
      }
      decideGroup(members, sameAs);
    }
  }
  // A pair the links put in one customer needs no steward (the write path proposes pairs of two customers only).
  if (matching) matching.reviews = matching.reviews.filter(({ from, to }) => customerOf[from] !== customerOf[to]);
  // Every customer once, in the order of its first record.
  const customers = [...new Set(customerOf)];
  return { records, customerOf, ruleOf, customers, identifiers, observations: count, matching };
}

/**
 * What matchObserved does for a first load's records, over the whole load at once: each record's match keys,
 * fingerprint and blocks (stored whether matching is on or not, as the write path stores them); with matching
 * on, every pair of records that share a block of at most `maxBlockSize` records and are in two customers after
 * the deterministic decision, scored in key order: at or above the upper threshold a link, from the lower one a
 * review. On the write path a record is compared with the records already in the graph when it arrives, so which
 * pairs meet depends on the order of the pages; here every pair of the load meets. Both the records' keys and
 * blocks and the pairs are shared among threads (matching/score-blocks.ts), with the same answer on any number.
 */
function planMatching(
  records: IncomingRecord[],
  matchKeys: (MatchKeys | null | undefined)[],
  customerOf: string[],
  identifiers: Map<string, IdentifierWrite>,
  rules: ResolutionRules,
  options: PlanOptions,
  say: (line: string) => void,
  lap: () => number,
): BulkMatching {
  const settings = matcherSettings(rules.matching);
  // Each record's variants, computed once (the records' own objects key them: no text ids, as ScoreMemo's).
  const memo = variantMemo();
  // The identifiers that still link after the deterministic decision, as matchObserved reads them.
  const isBlocked = (key: string) => Boolean(identifiers.get(key)?.blockedReason);
  const candidates: (Comparable | null)[] = records.map((r, n) => {
    const k = matchKeys[n];
    if (k === undefined || k === null) return null;
    return {
      keys: k,
      emails: linkingValues(r.identifiers, 'EMAIL', isBlocked),
      phones: linkingValues(r.identifiers, 'PHONE', isBlocked),
    };
  });
  // Small loads on this thread alone, unless told otherwise: a worker's start costs more than it saves.
  const threads = options.threads ?? (candidates.length < MIN_RECORDS_PER_THREAD ? 1 : availableParallelism());
  const workers = new MatchingThreads(
    candidates,
    records.map((r) => r.key),
    { threads, matching: rules.matching, memo, onWarning: (message) => say(`warning: ${message}`) },
  );
  try {
    return decideMatching(records, matchKeys, candidates, customerOf, settings, workers, say, lap);
  } finally {
    workers.close();
  }
}

/** Records below which planMatching runs on one thread (unless given its threads). */
const MIN_RECORDS_PER_THREAD = 20_000;

function decideMatching(
  records: IncomingRecord[],
  matchKeys: (MatchKeys | null | undefined)[],
  candidates: (Comparable | null)[],
  customerOf: string[],
  settings: MatcherSettings,
  workers: MatchingThreads,
  say: (line: string) => void,
  lap: () => number,
): BulkMatching {
  let lastSaid = performance.now();
  const prepared = workers.prepare((done, of) => {
    if (performance.now() - lastSaid < 10_000) return;
    lastSaid = performance.now();
    const share =
      of < candidates.length
        ? ` (this thread's share: worker threads prepare the other ${candidates.length - of})`
        : '';
    say(`matcher: keys and blocks of ${done} of ${of} records${share}`);
  });
  const keys = prepared.keys.map((k, n) => k ?? (matchKeys[n] as null | undefined));
  const recordBlocks: number[][] = [];
  const blockIds = new Map<string, number>();
  const members: number[][] = [];
  prepared.blocks.forEach((blocks, n) => {
    const ids: number[] = [];
    for (const block of blocks) {
      let id = blockIds.get(block);
      if (id === undefined) {
        id = blockIds.size;
        blockIds.set(block, id);
        members.push([]);
      }
      members[id]!.push(n);
      ids.push(id);
    }
    recordBlocks.push(ids);
  });
  const fingerprints = prepared.fingerprints;
  const links: BulkPair[] = [];
  const reviews: BulkPair[] = [];
  let scoredPairs = 0;
  say(
    `matcher: keys, fingerprints and ${members.length} blocks of ${candidates.length} records, ${lap().toFixed(1)} s`,
  );
  if (settings.enabled) {
    // The bounded blocks (2 to maxBlockSize records), numbered in the order of the blocks, and each record's.
    const bounded = new Int32Array(members.length).fill(-1);
    const blockStart = [0];
    const flat: number[] = [];
    members.forEach((block, id) => {
      if (block.length < 2 || block.length > settings.maxBlockSize) return;
      bounded[id] = blockStart.length - 1;
      for (const n of block) flat.push(n);
      blockStart.push(flat.length);
    });
    const recordStart = new Int32Array(records.length + 1);
    const ofRecord: number[] = [];
    recordBlocks.forEach((ids, n) => {
      const mine = ids.map((id) => bounded[id]!).filter((b) => b >= 0);
      mine.sort((x, y) => x - y);
      for (const b of mine) ofRecord.push(b);
      recordStart[n + 1] = ofRecord.length;
    });
    const customerNumbers = new Map<string, number>();
    const customer = Int32Array.from(customerOf, (id) => {
      let c = customerNumbers.get(id);
      if (c === undefined) customerNumbers.set(id, (c = customerNumbers.size));
      return c;
    });
    lastSaid = performance.now();
    const scored = workers.score(
      {
        customer,
        blockStart: Int32Array.from(blockStart),
        members: Int32Array.from(flat),
        recordStart,
        recordBlocks: Int32Array.from(ofRecord),
      },
      (n) => {
        if (performance.now() - lastSaid < 10_000) return;
        lastSaid = performance.now();
        say(`matcher: ${n} candidate pairs scored`);
      },
    );
    scoredPairs = scored.scoredPairs;
    say(
      `matcher: ${scoredPairs} pairs scored in ${blockStart.length - 1} bounded blocks (${scored.chunksByWorkers} of ` +
        `${scored.chunks} chunks on worker threads), ${lap().toFixed(1)} s`,
    );
    for (const { link, ...pair } of scored.pairs) (link ? links : reviews).push(pair);
  }
  return { keys, fingerprints, recordBlocks, blocks: [...blockIds.keys()], links, reviews, scoredPairs };
}

/** A CSV field: quoted text (quotes doubled), or empty for no value (the importer then sets no property). */
const text = (v: string | null | undefined) => (v === null || v === undefined ? '' : `"${v.replaceAll('"', '""')}"`);
const LINE_BREAK = /[\r\n]/;

/** Writes rows to a CSV file through a large buffer (synchronous writes: one file at a time, nothing else to do). */
class CsvFile {
  private readonly fd: number;
  private buffer = '';
  constructor(
    readonly file: string,
    header: string,
  ) {
    this.fd = openSync(file, 'w');
    this.buffer = `${header}\n`;
  }
  row(line: string): void {
    this.buffer += `${line}\n`;
    if (this.buffer.length >= 1 << 20) this.flush();
  }
  private flush(): void {
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes a plan as CSV files for Neo4j's importer (integer ids per group):
 * the nodes and relationships the write path's statements create for new
 * records (CREATE_RECORDS, CREATE_CUSTOMERS, the identifiers' MERGE and
 * BLOCK_IDENTIFIERS), and the feeds' cursors. `at` stands for the write
 * path's datetime() (one time for the whole load).
 */
export async function writeImportFiles(
  dir: string,
  plan: BulkPlan,
  cursors: { source: string; cursor: string }[],
  actor: Actor = BULK_LOAD_ACTOR,
  at: string = new Date().toISOString(),
): Promise<ImportFiles> {
  await mkdir(dir, { recursive: true });
  let multiline = false;
  const t = (v: string | null | undefined) => {
    if (v && LINE_BREAK.test(v)) multiline = true;
    return text(v);
  };
  const file = (name: string) => path.join(dir, name);

  const identifierIds = new Map<string, number>();
  const identifiers = new CsvFile(
    file('identifiers.csv'),
    ':ID(identifier),kind,value,blocked:boolean,blockedReason,blockedAt:datetime',
  );
  for (const [k, i] of plan.identifiers) {
    const id = identifierIds.size;
    identifierIds.set(k, id);
    const blocked = i.blockedReason !== null;
    identifiers.row(
      `${id},${t(i.kind)},${t(i.value)},${blocked ? 'true' : ''},${t(i.blockedReason)},${blocked ? at : ''}`,
    );
  }
  identifiers.close();
  const customerIds = new Map<string, number>();
  const customers = new CsvFile(file('customers.csv'), ':ID(customer),id,createdAt:datetime');
  for (const id of plan.customers) {
    customerIds.set(id, customerIds.size);
    customers.row(`${customerIds.size - 1},${t(id)},${at}`);
  }
  customers.close();
  const by = `${t(actor.name)},${t(actor.reason)}`;
  const each = (name: string, header: string, line: (r: IncomingRecord, n: number) => string | null) => {
    const csv = new CsvFile(file(name), header);
    plan.records.forEach((r, n) => {
      const row = line(r, n);
      if (row !== null) csv.row(row);
    });
    csv.close();
    return csv.file;
  };
  const observed = plan.records.map((r) => new Date(r.observedAtMs).toISOString());
  const matching = plan.matching;
  const records = each(
    'records.csv',
    ':ID(record),system,localId,nameKey,firstObservedAt:datetime,lastObservedAt:datetime,matchKeys,matchFingerprint',
    (r, n) =>
      `${n},${t(r.system)},${t(r.localId)},${t(r.nameKey)},${observed[n]},${observed[n]},` +
      `${t(matching?.keys[n])},${t(matching?.fingerprints[n])}`,
  );
  const events = each(
    'events.csv',
    'type,at:datetime,system,localId,customerId,rule,actor,reason',
    (r, n) => `"assign",${at},${t(r.system)},${t(r.localId)},${t(plan.customerOf[n])},${t(plan.ruleOf[n])},${by}`,
  );
  const matchFiles = matching ? writeMatchFiles(dir, plan, matching, at) : { nodes: [], relationships: [] };
  const belongs = each(
    'belongs-to.csv',
    ':START_ID(record),:END_ID(customer),rule,source,confidence:double,at:datetime,actor',
    (r, n) =>
      `${n},${customerIds.get(plan.customerOf[n]!)!},${t(plan.ruleOf[n])},${t(r.system)},1.0,${at},${t(actor.name)}`,
  );
  const has = each('has.csv', ':START_ID(record),:END_ID(identifier),source,at:datetime,since:datetime', (r, n) =>
    r.identifiers.length === 0
      ? null
      : r.identifiers.map((i) => `${n},${identifierIds.get(idKey(i))!},${t(r.system)},${observed[n]},${at}`).join('\n'),
  );
  const feedCursors = new CsvFile(file('feed-cursors.csv'), 'source,cursor,updatedAt:datetime');
  for (const c of cursors) feedCursors.row(`${t(c.source)},${t(c.cursor)},${at}`);
  feedCursors.close();
  return {
    nodes: [
      { label: 'SourceRecord', file: records },
      { label: 'Identifier', file: identifiers.file },
      { label: 'Customer', file: customers.file },
      { label: 'IdentityEvent', file: events },
      { label: 'FeedCursor', file: feedCursors.file },
      ...matchFiles.nodes,
    ],
    relationships: [{ type: 'BELONGS_TO', file: belongs }, { type: 'HAS', file: has }, ...matchFiles.relationships],
    multiline,
  };
}

/**
 * The matcher's nodes and relationships, as matchObserved writes them: the blocks and each record's IN_BLOCK
 * links, a SAME_AS link (rule, score, confidence, evidence, source) and a `link` event per pair linked, and a
 * pending MatchReview with its two CONCERNS links per pair sent to review.
 */
function writeMatchFiles(
  dir: string,
  plan: BulkPlan,
  matching: BulkMatching,
  at: string,
): Pick<ImportFiles, 'nodes' | 'relationships'> {
  const file = (name: string) => path.join(dir, name);
  const blocks = new CsvFile(file('match-blocks.csv'), ':ID(block),key');
  matching.blocks.forEach((key, id) => blocks.row(`${id},${text(key)}`));
  blocks.close();
  const inBlock = new CsvFile(file('in-block.csv'), ':START_ID(record),:END_ID(block)');
  matching.recordBlocks.forEach((ids, n) => {
    for (const id of ids) inBlock.row(`${n},${id}`);
  });
  inBlock.close();
  const sameAs = new CsvFile(
    file('same-as.csv'),
    ':START_ID(record),:END_ID(record),rule,score:double,confidence:double,evidence,source,at:datetime',
  );
  const linkEvents = new CsvFile(
    file('link-events.csv'),
    'type,at:datetime,system,localId,customerId,rule,actor,reason',
  );
  for (const { from, to, score, probability, evidence } of matching.links) {
    const [a, b] = [plan.records[from]!, plan.records[to]!];
    sameAs.row(
      `${from},${to},${text(MATCH_RULES.auto)},${score},${probability},${text(evidence)},${text(a.system)},${at}`,
    );
    linkEvents.row(
      `"link",${at},${text(b.system)},${text(b.localId)},${text(plan.customerOf[to])},${text(MATCH_RULES.auto)},` +
        `"probabilistic-matcher",${text(`score ${Math.round(score * 100) / 100} with ${a.system}/${a.localId}`)}`,
    );
  }
  sameAs.close();
  linkEvents.close();
  const reviews = new CsvFile(
    file('match-reviews.csv'),
    ':ID(review),id,pair,status,createdAt:datetime,updatedAt:datetime,score:double,probability:double,evidence',
  );
  const concerns = new CsvFile(file('concerns.csv'), ':START_ID(review),:END_ID(record),side');
  matching.reviews.forEach(({ from, to, score, probability, evidence }, id) => {
    const pair = pairKey(plan.records[from]!.key, plan.records[to]!.key);
    reviews.row(
      `${id},${text(randomUUID())},${text(pair)},"PENDING",${at},${at},${score},${probability},${text(evidence)}`,
    );
    concerns.row(`${id},${from},"left"`);
    concerns.row(`${id},${to},"right"`);
  });
  reviews.close();
  concerns.close();
  return {
    nodes: [
      { label: 'MatchBlock', file: blocks.file },
      { label: 'IdentityEvent', file: linkEvents.file },
      { label: 'MatchReview', file: reviews.file },
    ],
    relationships: [
      { type: 'IN_BLOCK', file: inBlock.file },
      { type: 'SAME_AS', file: sameAs.file },
      { type: 'CONCERNS', file: concerns.file },
    ],
  };
}

/** What a bulk load did: counts, and the seconds of each phase. */
export interface BulkLoadResult {
  observations: number;
  records: number;
  customers: number;
  identifiers: number;
  blockedIdentifiers: number;
  rejectedIdentifiers: number;
  /** The probabilistic matcher's pairs: linked (SAME_AS), sent to review, and scored in all. */
  matchLinks: number;
  matchReviews: number;
  scoredPairs: number;
  seconds: {
    reading: number;
    resolving: number;
    writingFiles: number;
    importing: number;
    indexing: number;
    total: number;
  };
}

/** How a bulk load reaches the graph: a Neo4j it may stop and start again around the importer. */
export interface BulkTarget {
  /** A driver to the graph while the server runs (asked again after the restart). */
  driver(): Driver;
  stop(): Promise<void>;
  /** Replaces the stopped server's database with the files (importIntoBundledNeo4j). */
  importFiles(files: ImportFiles): Promise<void>;
  start(): Promise<void>;
}

/** Nodes that make a graph not empty for a bulk load (erasure tombstones too: a load must not bring back the erased). */
async function heldNodes(driver: Driver): Promise<number> {
  const result = await driver.executeQuery(
    `CALL { MATCH (r:SourceRecord) RETURN count(r) AS n UNION ALL MATCH (c:Customer) RETURN count(c) AS n
            UNION ALL MATCH (t:ErasureTombstone) RETURN count(t) AS n }
     RETURN sum(n) AS n`,
  );
  return Number(result.records[0]!.get('n'));
}

/** Reads the feeds to their end: FeedConsumer.readToEnd. */
export type FeedReader = (
  onPage: (observations: Observation[], result: { source: string; records: number; rejected: number }) => void,
) => Promise<{ result: { source: string; records: number; rejected: number }; cursor: string | null }[]>;

/** A stopwatch of phases: each call gives the seconds since the previous one. */
function laps(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const s = (now - last) / 1000;
    last = now;
    return s;
  };
}

/** What a bulk load reads, decides with and writes to, whatever the server. */
export interface BulkLoadInput {
  read: FeedReader;
  rules: ResolutionRules;
  /** Where the importer's files go (emptied first). */
  workDir: string;
  /** Progress lines for a person watching (phases, counts, rates). */
  onProgress?: (line: string) => void;
  /** The heap the load may use. @default this process's limit (v8 heap_size_limit) */
  heapLimitBytes?: number;
}

/** The first half of a bulk load, with the server running: what is in the files, and how long it took. */
export interface PreparedBulkLoad {
  files: ImportFiles;
  counts: Omit<BulkLoadResult, 'seconds'>;
  seconds: { reading: number; resolving: number; writingFiles: number };
}

/**
 * Heap a load takes per observation at its peak, measured at a million (bench/results/identity-bulk.json, peak
 * resident memory over observations, rounded up): the observations, the plan, and with the matcher on, every
 * record's comparison variants and blocks and the pairs it decided.
 */
export const HEAP_BYTES_PER_OBSERVATION = { plain: 2_500, matching: 6_500 } as const;

/**
 * Refuses a load that the process's heap cannot hold, before it spends minutes on it and dies out of memory:
 * says how much it needs and how to give it (NODE_OPTIONS=--max-old-space-size).
 */
function checkHeap(observations: Observation[], rules: ResolutionRules, limitBytes: number): void {
  const matching = rules.matching.enabled && observations.some((o) => o.match !== undefined);
  const perObservation = HEAP_BYTES_PER_OBSERVATION[matching ? 'matching' : 'plain'];
  const needed = observations.length * perObservation;
  if (needed <= limitBytes) return;
  const mib = (bytes: number) => Math.ceil(bytes / 2 ** 20);
  throw new BulkLoadRefused(
    `${observations.length} observations need about ${mib(needed)} MiB of heap to be decided in memory ` +
      `(${perObservation} bytes each${matching ? ', match attributes with the matcher on' : ''}), and this process ` +
      `may use ${mib(limitBytes)} MiB: run it again with NODE_OPTIONS=--max-old-space-size=${Math.ceil((mib(needed) * 1.2) / 1024) * 1024} ` +
      '(the machine needs that much free memory), or load the sources through the feeds.',
  );
}

/**
 * The first half of a bulk load, with the server running: refuses a graph
 * that holds records, customers or erasure tombstones; reads the feeds,
 * decides, and writes the importer's files under `workDir` (emptied first).
 */
export async function prepareBulkLoad(options: BulkLoadInput & { driver: Driver }): Promise<PreparedBulkLoad> {
  const say = options.onProgress ?? (() => {});
  const lap = laps();
  const started = performance.now();
  const held = await heldNodes(options.driver);
  if (held > 0) {
    throw new BulkLoadRefused(
      `the identity graph holds ${held} records, customers or erasure tombstones: a bulk load replaces the whole ` +
        'database, so it only loads an empty graph. Ingest through the feeds instead (they resume from their watermarks).',
    );
  }
  const observations: Observation[] = [];
  let lastSaid = 0;
  const sources = await options.read((page) => {
    for (const o of page) observations.push(o);
    if (observations.length - lastSaid >= 100_000) {
      lastSaid = observations.length;
      const rate = Math.round(observations.length / ((performance.now() - started) / 1000));
      say(`read ${observations.length} observations (${rate}/s)`);
    }
  });
  const reading = lap();
  say(`read ${observations.length} observations from ${sources.length} feeds in ${reading.toFixed(1)} s; resolving…`);
  checkHeap(observations, options.rules, options.heapLimitBytes ?? getHeapStatistics().heap_size_limit);
  const plan = planBulkLoad(observations, options.rules, { onProgress: say });
  observations.length = 0;
  const resolving = lap();
  const matched = plan.matching
    ? ` (matcher: ${plan.matching.scoredPairs} pairs scored, ${plan.matching.links.length} linked, ` +
      `${plan.matching.reviews.length} to review)`
    : '';
  say(
    `${plan.records.length} records resolved into ${plan.customers.length} customers${matched} in ` +
      `${resolving.toFixed(1)} s; writing files…`,
  );
  const cursors = sources.flatMap((s) => (s.cursor === null ? [] : [{ source: s.result.source, cursor: s.cursor }]));
  await rm(options.workDir, { recursive: true, force: true });
  const files = await writeImportFiles(options.workDir, plan, cursors);
  const writingFiles = lap();
  say(`files written to ${options.workDir} in ${writingFiles.toFixed(1)} s`);
  return {
    files,
    counts: {
      observations: plan.observations,
      records: plan.records.length,
      customers: plan.customers.length,
      identifiers: plan.identifiers.size,
      blockedIdentifiers: [...plan.identifiers.values()].filter((i) => i.blockedReason !== null).length,
      rejectedIdentifiers: sources.reduce((a, s) => a + s.result.rejected, 0),
      matchLinks: plan.matching?.links.length ?? 0,
      matchReviews: plan.matching?.reviews.length ?? 0,
      scoredPairs: plan.matching?.scoredPairs ?? 0,
    },
    seconds: { reading, resolving, writingFiles },
  };
}

/**
 * The second half: stops the server, imports the files, starts it again,
 * applies the migrations (constraints and indexes) and waits until every
 * index is online.
 */
export async function importBulkLoad(
  target: BulkTarget,
  files: ImportFiles,
  onProgress: (line: string) => void = () => {},
): Promise<{ importing: number; indexing: number }> {
  const lap = laps();
  onProgress('stopping Neo4j and importing…');
  await target.stop();
  await target.importFiles(files);
  const importing = lap();
  onProgress(`imported in ${importing.toFixed(1)} s; starting Neo4j and building the indexes…`);
  await target.start();
  const driver = target.driver();
  await migrate(driver);
  await driver.executeQuery('CALL db.awaitIndexes(3600)');
  const indexing = lap();
  onProgress(`indexes online in ${indexing.toFixed(1)} s`);
  return { importing, indexing };
}

/**
 * The whole bulk load on a server it may stop and start (prepareBulkLoad,
 * then importBulkLoad); the files are removed at the end. The graph then
 * answers lookups at full speed and the feeds go on from the watermarks
 * written.
 */
export async function bulkLoad(options: BulkLoadInput & { target: BulkTarget }): Promise<BulkLoadResult> {
  const started = performance.now();
  try {
    const prepared = await prepareBulkLoad({ ...options, driver: options.target.driver() });
    const imported = await importBulkLoad(options.target, prepared.files, options.onProgress);
    return {
      ...prepared.counts,
      seconds: { ...prepared.seconds, ...imported, total: (performance.now() - started) / 1000 },
    };
  } finally {
    await rm(options.workDir, { recursive: true, force: true });
  }
}
