import { randomUUID } from 'node:crypto';
import neo4j, {
  isRetriableError,
  type BookmarkManager,
  type Driver,
  type ManagedTransaction,
  type SessionMode,
} from 'neo4j-driver';
import { Counter, type Registry } from 'prom-client';
import type { Cache } from '@c360/kit/cache';
import type { Logger } from '@c360/kit/logger';
import {
  blockKeysOf,
  candidateCustomers,
  matchObserved,
  matcherSettings,
  parseEvidence,
  ScoreMemo,
  type MatcherSettings,
  type MatchEvidence,
  type MatchKeys,
} from './matching/live';
import {
  decideReview,
  listReviews,
  reviewById,
  type MatchReview,
  type MatchReviewPage,
  type MatchReviewStatus,
  type ReviewPosition,
} from './matching/review';
import type { IdentifierKind, NormalizedIdentifier } from './normalize';
import { resolve, RULES, type RecordState, type Resolution } from './resolve';
import { blockListMatcher, DEFAULT_RULES, type ResolutionRules } from './rules';
import { bySourceRecord, withoutErased } from './erasure';
import { nameMatches, type NameQuery } from './matching/name-search';

/** One source record as a source system holds it now, identifiers already normalised. */
export interface Observation {
  system: string;
  localId: string;
  identifiers: NormalizedIdentifier[];
  /** ISO-8601 time the source last changed the record. */
  observedAt: string;
  /** Match key of the name on the record (see nameKey), used to spot identifiers shared by many people. */
  nameKey?: string | null;
  /**
   * Match keys for probabilistic matching (see matching/live.ts): absent, the
   * record is not matched and keeps the keys it had; null, it has none now.
   */
  match?: MatchKeys | null;
}

export interface SourceRecordKey {
  system: string;
  localId: string;
}

/** What the identity graph knows of one customer. */
export interface CustomerIdentity {
  id: string;
  identifiers: NormalizedIdentifier[];
  sourceRecords: SourceRecordKey[];
}

/** Who asks for a change, and why: written on every link and event. */
export interface Actor {
  name: string;
  reason?: string | null;
}

/** Evidence that two records of a customer are one person. */
export interface IdentityLink {
  from: SourceRecordKey;
  to: SourceRecordKey;
  rule: string;
  identifier: NormalizedIdentifier | null;
  confidence: number;
  source: string;
  at: string;
  actor: string | null;
  reason: string | null;
  /** For probabilistic links: the score and what each comparison weighed. */
  match: MatchEvidence | null;
}

/** One entry of the audit trail of identity decisions. */
export interface IdentityEvent {
  type: 'assign' | 'merge' | 'link' | 'unlink' | 'identifier-removed';
  at: string;
  customerId: string | null;
  previousCustomerId: string | null;
  mergedCustomerId: string | null;
  record: SourceRecordKey | null;
  identifier: NormalizedIdentifier | null;
  rule: string | null;
  actor: string | null;
  reason: string | null;
}

export interface BlockedIdentifier extends NormalizedIdentifier {
  reason: string;
  records: number;
  blockedAt: string;
}

export interface IdentityGraphOptions {
  /** Neo4j database name; the server's default when not given. */
  database?: string;
  /** TTL of cached lookups. @default 300 */
  cacheTtlSeconds?: number;
  /**
   * Told after every committed write which customers it changed (created,
   * merged, split, records moved), so that caches outside this subgraph (the
   * gateway's) drop what they hold of them. Its failures are logged, never thrown.
   * @default none
   */
  onCustomersChanged?: (customerIds: string[]) => Promise<unknown> | unknown;
  /** Linking rules and guards. @default DEFAULT_RULES */
  rules?: ResolutionRules;
  /**
   * Settles a page's new records that join no customer or exactly one from what the claim read, without
   * reading the records around them (see fastPath); false sends every record through the slow path (the
   * tests compare both). @default true
   */
  fastPath?: boolean;
  /**
   * Registry on which the write counters are registered
   * (`c360_identity_write_transactions_total`, `c360_identity_write_retries_total{code}`).
   * @default none (the counts stay readable through IdentityGraph.writeStats)
   */
  metrics?: Registry;
}

/** What the write path counted since the graph object was made. */
export interface WriteStats {
  /** Resolving transactions committed. */
  transactions: number;
  /** Attempts the driver's managed transactions ran again after a transient error (deadlock, leader change, …). */
  retries: number;
  /** The same retries by the Neo4j error code that caused them. */
  retriesByCode: Record<string, number>;
  /** Observed records the fast path decided (new records joining no customer or one; see observe). */
  fastPathRecords: number;
}

/** What observe() may run in its transaction, after the writes: a feed's watermark, so both commit or neither. */
export interface ObserveOptions {
  /** Runs last in the write transaction; what it writes commits with the observations. */
  inTransaction?: (tx: ManagedTransaction) => Promise<void>;
}

const SYSTEM_ACTOR: Actor = { name: 'observation-feed' };
const MATCHER_ACTOR: Actor = { name: 'probabilistic-matcher' };
const keyOf = (system: string, localId: string) => `${system}\u0000${localId}`;
const tupleOf = (key: string) => key.split('\u0000') as [string, string];
export const idKey = (i: { kind: string; value: string }) => `${i.kind}|${i.value}`;
const customerKey = (id: string) => `identity:customer:${id}`;
const identifierKey = (kind: string, value: string) => `identity:identifier:${kind}|${value}`;

/**
 * How long the mark of a page the watermark has passed is kept as a tombstone: longer than any consumer holds a
 * page it read before the watermark passed it (a page's transaction, with its retries).
 */
export const FEED_TOMBSTONE_HOURS = 1;

/**
 * Cypher: each id of `$ids` as `requested`, with `c` the customer it resolves to now (an id merged away
 * gives its survivor); an unknown id gives no row.
 */
const CUSTOMERS_OF_IDS = `UNWIND $ids AS requested
  MATCH (asked:Customer {id: requested})
  OPTIONAL MATCH (asked)-[:MERGED_INTO*1..20]->(survivor:Customer) WHERE NOT (survivor)-[:MERGED_INTO]->()
  WITH requested, coalesce(survivor, asked) AS c`;

/**
 * The identity graph in Neo4j: stores only identifiers, source record keys and
 * links, and decides which records are one customer (see resolve.ts for the
 * rules).
 *
 * Writes lock only what they touch (see docs/identity-graph.md): a write
 * first claims its records and the identifiers they hold (MERGE, in key
 * order; an identifier blocked from linking is not locked, since it joins
 * nothing), then reads the records around them and locks their customers
 * (in id order), and reads again until every customer it read is one it
 * holds. Every write that changes a record's customer or identifiers holds
 * that customer, so what a write read stays true until it commits, and
 * writes about different people run in parallel, in one process and across
 * processes. The driver's managed transactions retry deadlocks and other
 * transient errors; each retry is counted (writeStats, metrics).
 */
export class IdentityGraph {
  readonly rules: ResolutionRules;
  /** Causal consistency within this process: a read sees every write this graph object committed before it. */
  readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();
  private readonly ttl: number;
  private readonly isBlockListed: (identifier: NormalizedIdentifier) => boolean;
  private matching: MatcherSettings;
  private readonly stats: WriteStats = { transactions: 0, retries: 0, retriesByCode: {}, fastPathRecords: 0 };
  private readonly counters: { transactions: Counter; retries: Counter<'code'> } | null;

  constructor(
    readonly driver: Driver,
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly options: IdentityGraphOptions = {},
  ) {
    this.ttl = options.cacheTtlSeconds ?? 300;
    this.rules = options.rules ?? DEFAULT_RULES;
    this.isBlockListed = blockListMatcher(this.rules);
    this.matching = matcherSettings(this.rules.matching);
    this.counters = options.metrics ? registerWriteCounters(options.metrics) : null;
  }

  /** Transactions and retries of the write path so far (a copy). */
  get writeStats(): WriteStats {
    return { ...this.stats, retriesByCode: { ...this.stats.retriesByCode } };
  }

  /** Replaces the probabilistic matching settings (thresholds, weights, guards) at run time; throws when invalid. */
  configureMatching(rules: ResolutionRules['matching']): void {
    this.matching = matcherSettings(rules);
  }

  /**
   * Ingests observations and re-resolves the affected clusters. Replaying the
   * same observations changes nothing. Returns record key → customer id.
   *
   * A batch is one transaction of a few round trips, whatever its size: one
   * read of the batch's records and identifiers, a few reads of the clusters
   * around the records whose identifiers changed, then every write sent at
   * once (see writeResolution). The resolution itself is computed here, by
   * resolve(), over the whole batch: records that join each other within the
   * batch end up as they would one observation at a time. Records whose
   * identifiers and name did not change (a replay, a source touching a record
   * for an unrelated field) cost one read and no resolution.
   *
   * The common case of a first load takes a shorter way (fastPath): new
   * records whose identifiers are new or held by one customer's records only,
   * with no guard in play, are decided from what the claim read, without
   * reading the records around them; only the rest of the page goes through
   * the closure reads and rounds of locking.
   */
  async observe(
    observations: Observation[],
    actor: Actor = SYSTEM_ACTOR,
    options: ObserveOptions = {},
  ): Promise<Map<string, string>> {
    // The latest observation of a record wins within a batch, as it does across batches.
    const latest = new Map<string, Observation>();
    // Erased records stay erased, whatever a feed replays (see erasure.ts).
    for (const obs of await withoutErased(this.driver, this.options.database, observations)) keepLatest(latest, obs);
    if (latest.size === 0) {
      if (options.inTransaction) await this.write(async (tx) => (await options.inTransaction!(tx), NOTHING));
      return new Map();
    }
    const allIncoming: IncomingRecord[] = [...latest].map(([key, o]) => incomingRecord(key, o));
    // The page's new records the fast path settled (written already): the slow path reads them as it reads
    // any record of the graph.
    let fast = null as FastOutcome | null;
    // The records the slow path still has to decide (all of them until the fast path settles some).
    let incoming = allIncoming;
    const identifiersOfBatch = () => [
      ...new Map(incoming.flatMap((r) => r.identifiers.map((i) => [idKey(i), i]))).values(),
    ];
    const matchable = [...latest.values()].filter((o) => o.match !== undefined);
    const matchableByKey = new Map(matchable.map((o) => [keyOf(o.system, o.localId), [o]]));
    const settings = this.matching;
    const identifiersOf = new Map(allIncoming.map((r) => [r.key, r.identifiers]));
    const { assignment } = await this.write(async (tx, locks) => {
      const timings: Record<string, number> = {};
      // A retried transaction starts again from the whole batch.
      incoming = allIncoming;
      fast = null;
      // Pairs scored before the locks (each round) and by the matcher after them are scored once.
      const scores = new ScoreMemo(settings);
      let stored = new Map<string, StoredRecord>();
      let firstRead = true;
      // The records the previous read found to start from: read next time with the records around them.
      let started: string[] = [];
      // The matcher's likely customers (candidateCustomers), and for which records and identifiers they were read.
      let candidates: { question: string; customers: string[] } | null = null;
      const outcome = await this.resolveStable(tx, locks, actor, timings, async (previous) => {
        // Claims the records the batch creates or changes, with their identifiers (old and new), then reads
        // again if a claim was needed: a replayed page, where nothing changed, claims and writes nothing.
        for (;;) {
          // The first read is a light one (what the records hold, not what is around them): it is all a
          // replayed page needs, and all a page of new records needs to know what to claim. The next ones
          // read, in one statement, the batch's records and, around those the previous read started from
          // (and the records of the previous round's closure), the records of their customers and those
          // holding their identifiers: most of the closure, which loadClosure then completes.
          const light = firstRead;
          firstRead = false;
          const [records, known] = light
            ? [await loadRecordsLight(tx, [...latest.keys()]), new Map<string, KnownIdentifier>()]
            : await Promise.all([
                loadRecords(tx, {
                  keys: incoming.map((r) => r.key),
                  around: [...new Set([...started, ...previous])],
                  identifiers: [
                    ...new Map(started.flatMap((k) => (identifiersOf.get(k) ?? []).map((i) => [idKey(i), i]))).values(),
                  ],
                }),
                loadIdentifiers(tx, identifiersOfBatch()),
              ]);
          const plan = planObservations(incoming, records);
          started = [...plan.start];
          const unclaimed = [...plan.start].filter((k) => !locks.holdsRecord(k));
          if (light && unclaimed.length === 0 && plan.start.size > 0) continue;
          if (unclaimed.length > 0) {
            const t0 = performance.now();
            const idfs = new Map<string, NormalizedIdentifier>();
            for (const key of unclaimed) {
              for (const i of [...(identifiersOf.get(key) ?? []), ...(records.get(key)?.identifiers ?? [])]) {
                idfs.set(idKey(i), { kind: i.kind, value: i.value });
              }
            }
            const claimed = await locks.claim(
              unclaimed.map((k) => latest.get(k)!),
              [...idfs.values()],
              this.isBlockListed,
            );
            // The matching blocks of the records claimed, before any customer (see WriteLocks for the order).
            await locks.blocks(blocksOf(unclaimed.flatMap((k) => matchableByKey.get(k) ?? [])), settings.maxBlockSize);
            timings.claim = (timings.claim ?? 0) + Math.round(performance.now() - t0);
            if (light && this.options.fastPath !== false) {
              const busy = new Set<string>();
              for (const u of plan.updated) {
                for (const i of [...u.identifiers, ...u.removed]) busy.add(idKey(i));
              }
              for (const k of plan.start) {
                if (records.has(k)) for (const i of records.get(k)!.identifiers) busy.add(idKey(i));
              }
              // A record another writer created while the claim waited for it is not new: the slow path reads it.
              // A record the matcher will match goes the slow way too: the customers of its likely matches are
              // locked with those of its identifiers, in one sorted round (see WriteLocks), which the fast path's
              // lock, taken alone, would break (the matcher's locks after it would be out of order).
              const created = plan.created.filter((r) => !claimed.existing.has(r.key) && !matchableByKey.has(r.key));
              fast = await fastPath(tx, locks, created, claimed.holders, busy, this.rules, this.isBlockListed, actor);
              incoming = incoming.filter((r) => !fast!.settled.has(r.key));
              started = started.filter((k) => !fast!.settled.has(k));
              timings.fast = (timings.fast ?? 0) + Math.round(performance.now() - t0);
            }
            continue;
          }
          stored = records;
          // The customers the matcher will link the claimed records with, read now (under the blocks' locks)
          // so that they are locked in the same sorted rounds as the deterministic decision's customers. Read
          // once per set of records asked: a round after locking asks the same, and the answer is a hint the
          // matcher does not rely on (it reads its pairs again and locks their customers itself).
          if (matchable.length > 0 && settings.enabled) {
            const blockedIn = (k: string) => known.get(k)?.blocked === true;
            const asked = matchable
              .filter((o) => o.match && locks.holdsRecord(keyOf(o.system, o.localId)))
              .map((o) => ({
                key: keyOf(o.system, o.localId),
                keys: o.match!,
                emails: linkingValues(o.identifiers, 'EMAIL', blockedIn),
                phones: linkingValues(o.identifiers, 'PHONE', blockedIn),
              }));
            const question = asked
              .map((r) => `${r.key}\u0001${r.emails.join(',')}\u0001${r.phones.join(',')}`)
              .join('\n');
            if (question !== candidates?.question) {
              candidates = { question, customers: await candidateCustomers(unplanned(tx), asked, settings, scores) };
            }
          }
          return {
            start: [...plan.start],
            // A record observed again keeps its customer, whose lock covers the new observation time.
            alsoLock: [
              ...plan.updated.map((u) => records.get(u.key)?.customerId ?? null),
              ...(candidates?.customers ?? []),
            ],
            batch: { stored: records, known, applied: plan.applied, created: plan.created, updated: plan.updated },
          };
        }
      });
      // (Set in resolveStable's callback, which TypeScript does not follow.)
      const settled = fast as FastOutcome | null;
      this.logger.debug({ records: latest.size, fast: settled?.settled.size ?? 0, timings }, 'observations ingested');
      if (settled) {
        for (const [key, customerId] of settled.assignment)
          if (!outcome.assignment.has(key)) outcome.assignment.set(key, customerId);
        outcome.customers.push(...settled.customers);
        outcome.identifiers.push(...settled.identifiers);
      }
      // Records the batch did not change keep the customer they had.
      for (const key of latest.keys()) {
        if (!outcome.assignment.has(key)) outcome.assignment.set(key, stored.get(key)!.customerId!);
      }
      // Probabilistic matching in the same transaction, after the deterministic decision: the observations,
      // their matches and the feed's watermark commit together or not at all.
      if (matchable.length > 0) {
        const matched = await this.matchInTransaction(
          tx,
          locks,
          matchable,
          matchable.filter((o) => locks.holdsRecord(keyOf(o.system, o.localId))),
          settings,
          scores,
        );
        for (const [key, customerId] of matched.assignment)
          if (outcome.assignment.has(key)) outcome.assignment.set(key, customerId);
        outcome.customers.push(...matched.customers);
        outcome.identifiers.push(...matched.identifiers);
      }
      if (options.inTransaction) await options.inTransaction(tx);
      return outcome;
    });
    this.stats.fastPathRecords += (fast as FastOutcome | null)?.settled.size ?? 0;
    const result = new Map<string, string>();
    for (const key of latest.keys()) result.set(key, assignment.get(key)!);
    return result;
  }

  /**
   * Matches observed records carrying match keys against their blocks (see
   * matching/live.ts) and re-resolves the records that new SAME_AS links join.
   * The blocks are locked first (in key order), so that two writers matching
   * records of one block at once see each other's records.
   */
  private async matchInTransaction(
    tx: ManagedTransaction,
    locks: WriteLocks,
    observations: Observation[],
    changed: Observation[],
    settings: MatcherSettings,
    scores?: ScoreMemo,
  ): Promise<WriteOutcome> {
    // The blocks of the records this write creates or changes. A record observed again with the same
    // identifiers but other match attributes is matched without its blocks locked: a pair with a record
    // another writer adds to the block at that very moment may then wait for the next observation of either.
    // observe() locked them after its claim already (a no-op then); kept for callers that did not.
    await locks.blocks(blocksOf(changed), settings.maxBlockSize);
    const outcome = await matchObserved(
      unplanned(tx),
      observations.map((o) => ({ ...o, key: keyOf(o.system, o.localId) })),
      settings,
      (key) => tupleOf(key)[0],
      (ids) => locks.customers(ids),
      scores,
    );
    if (outcome.links + outcome.reviews > 0) {
      this.logger.debug(
        { links: outcome.links, reviews: outcome.reviews, scored: scores?.scored, reused: scores?.reused },
        'probabilistic matches',
      );
    }
    if (outcome.linked.length === 0) return { assignment: new Map(), customers: [], identifiers: [] };
    return this.resolveAround(tx, locks, [...new Set(outcome.linked)], MATCHER_ACTOR);
  }

  /**
   * Merges customers by hand: links one record of each with an explicit
   * SAME_AS link (rule `manual`), which no guard undoes. Returns the survivor:
   * the customer holding most records. Throws when an id is unknown.
   */
  async mergeCustomers(ids: string[], actor: Actor): Promise<string> {
    let anchor = '';
    const { assignment } = await this.write(async (tx, locks) => {
      // The customers first, so that no other write moves their records while the link is made.
      await locks.customers(await survivorsOf(tx, ids));
      const found = await tx.run(
        `${CUSTOMERS_OF_IDS}
         MATCH (r:SourceRecord)-[:BELONGS_TO]->(c)
         WITH requested, c, r ORDER BY r.system, r.localId
         RETURN requested, c.id AS id, collect([r.system, r.localId])[0] AS representative`,
        { ids },
      );
      const missing = ids.filter((id) => !found.records.some((r) => r.get('requested') === id));
      if (missing.length > 0) throw new UnknownCustomerError(missing);
      const representatives = [
        ...new Map(
          found.records.map((r) => [r.get('id') as string, r.get('representative') as [string, string]]),
        ).values(),
      ];
      const [first, ...others] = representatives;
      anchor = keyOf(...first!);
      await tx.run(
        `MATCH (a:SourceRecord {system: $first[0], localId: $first[1]})
         UNWIND $others AS o
         MATCH (b:SourceRecord {system: o[0], localId: o[1]})
         OPTIONAL MATCH (b)-[:BELONGS_TO]->(bc:Customer)
         MERGE (a)-[l:SAME_AS]->(b)
           ON CREATE SET l.rule = $rule, l.confidence = 1.0, l.at = datetime(), l.actor = $actor, l.reason = $reason
         CREATE (:IdentityEvent {type: 'link', at: datetime(), system: b.system, localId: b.localId,
                 rule: $rule, actor: $actor, reason: $reason, customerId: bc.id})`,
        { first, others, rule: RULES.manual, actor: actor.name, reason: actor.reason ?? null },
      );
      return this.resolveAround(
        tx,
        locks,
        representatives.map(([s, l]) => keyOf(s, l)),
        actor,
      );
    });
    // The survivor is the customer the merged records belong to now.
    return assignment.get(anchor)!;
  }

  /**
   * Takes a record out of its customer: it no longer links through its
   * identifiers (its explicit links are removed too) and becomes a customer of
   * its own; the rest of the cluster is re-resolved. Returns the record's
   * customer afterwards, or null when the graph has no such record.
   */
  async unlinkRecord(system: string, localId: string, actor: Actor): Promise<string | null> {
    const { assignment } = await this.write(async (tx, locks) => {
      const owner = await tx.run(
        'MATCH (:SourceRecord {system: $system, localId: $localId})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS id',
        { system, localId },
      );
      await locks.customers(owner.records.map((r) => r.get('id') as string));
      const found = await tx.run(
        `MATCH (r:SourceRecord {system: $system, localId: $localId})
         SET r.pinned = true, r.pinnedAt = datetime(), r.pinnedBy = $actor
         WITH r
         OPTIONAL MATCH (r)-[l:SAME_AS]-()
         DELETE l
         WITH DISTINCT r
         OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
         CREATE (:IdentityEvent {type: 'unlink', at: datetime(), system: r.system, localId: r.localId,
                 customerId: c.id, actor: $actor, reason: $reason})
         RETURN count(r) AS n`,
        { system, localId, actor: actor.name, reason: actor.reason ?? null },
      );
      if (found.records[0]?.get('n') === 0) return NOTHING;
      return this.resolveAround(tx, locks, [keyOf(system, localId)], actor);
    });
    return assignment.get(keyOf(system, localId)) ?? null;
  }

  /** The customer holding an identifier (already normalised), or null; null too for a blocked identifier. Cached. */
  async customerIdByIdentifier(identifier: NormalizedIdentifier): Promise<string | null> {
    const cacheKey = identifierKey(identifier.kind, identifier.value);
    const cached = await this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const result = await this.read(
      `MATCH (i:Identifier {kind: $kind, value: $value}) WHERE NOT coalesce(i.blocked, false)
       MATCH (i)<-[:HAS]-(:SourceRecord)-[:BELONGS_TO]->(c:Customer)
       RETURN c.id AS id, count(*) AS records ORDER BY records DESC, id LIMIT 1`,
      { kind: identifier.kind, value: identifier.value },
    );
    const id = (result[0]?.id as string | undefined) ?? null;
    // Only hits are cached: a new record may make an unknown identifier known at any time.
    if (id) await this.cache.set(cacheKey, id, this.ttl);
    return id;
  }

  /**
   * Customers with a record of that name at that postcode (see matching/name-search.ts): one read of the
   * query's MatchBlocks (a unique index), the names compared here; most matching records first, then by id.
   */
  async customerIdsByNameAndPostcode(query: NameQuery, limit: number): Promise<string[]> {
    const rows = await this.read(
      `UNWIND $blocks AS key
       MATCH (:MatchBlock {key: key})<-[:IN_BLOCK]-(r:SourceRecord)-[:BELONGS_TO]->(c:Customer)
       RETURN DISTINCT c.id AS id, r.system AS system, r.localId AS localId, r.matchKeys AS keys`,
      { blocks: query.blocks },
    );
    const records = new Map<string, number>();
    for (const row of rows) {
      if (typeof row.keys !== 'string') continue;
      let keys: MatchKeys;
      try {
        keys = JSON.parse(row.keys) as MatchKeys;
      } catch {
        continue;
      }
      if (!nameMatches(keys, query)) continue;
      const id = row.id as string;
      records.set(id, (records.get(id) ?? 0) + 1);
    }
    return [...records]
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([id]) => id);
  }

  /** The customer of a source record, or null when the graph has no such record. */
  async customerIdBySourceRecord(system: string, localId: string): Promise<string | null> {
    const rows = await this.read(
      `MATCH (:SourceRecord {system: $system, localId: $localId})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS id`,
      { system, localId },
    );
    return (rows[0]?.id as string | undefined) ?? null;
  }

  /**
   * The customers of many identifiers (already normalised), in the order asked:
   * null where unknown or blocked. Cached like customerIdByIdentifier (hits
   * only); one round trip (UNWIND) for every identifier not in the cache.
   */
  async customerIdsByIdentifiers(identifiers: readonly NormalizedIdentifier[]): Promise<(string | null)[]> {
    const found = new Map<string, string | null>();
    const missing: NormalizedIdentifier[] = [];
    await Promise.all(
      identifiers.map(async (identifier) => {
        const key = identifierKey(identifier.kind, identifier.value);
        if (found.has(key)) return;
        found.set(key, null);
        const cached = await this.cache.get(key);
        if (cached === undefined) missing.push(identifier);
        else found.set(key, cached);
      }),
    );
    if (missing.length > 0) {
      const rows = await this.read(
        `UNWIND $identifiers AS asked
         MATCH (i:Identifier {kind: asked.kind, value: asked.value}) WHERE NOT coalesce(i.blocked, false)
         MATCH (i)<-[:HAS]-(:SourceRecord)-[:BELONGS_TO]->(c:Customer)
         WITH asked, c.id AS id, count(*) AS records ORDER BY records DESC, id
         WITH asked, collect(id)[0] AS id
         RETURN asked.kind AS kind, asked.value AS value, id`,
        { identifiers: missing.map(({ kind, value }) => ({ kind, value })) },
      );
      const writes: Promise<void>[] = [];
      for (const row of rows) {
        const key = identifierKey(row.kind as string, row.value as string);
        found.set(key, row.id as string);
        // Hits only, as customerIdByIdentifier; written together (one pipeline), not one round trip each.
        if (row.id) writes.push(this.cache.set(key, row.id as string, this.ttl));
      }
      await Promise.all(writes);
    }
    return identifiers.map((i) => found.get(identifierKey(i.kind, i.value)) ?? null);
  }

  /**
   * Customers by id, in the order asked; ids merged away resolve to their
   * survivor, unknown ids to null. One round trip for all uncached ids.
   */
  async customers(ids: readonly string[]): Promise<(CustomerIdentity | null)[]> {
    const found = new Map<string, CustomerIdentity | null>();
    const missing: string[] = [];
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const cached = await this.cache.get(customerKey(id));
        if (cached === undefined) missing.push(id);
        else found.set(id, JSON.parse(cached) as CustomerIdentity);
      }),
    );
    if (missing.length > 0) {
      const rows = await this.read(
        `${CUSTOMERS_OF_IDS}
         OPTIONAL MATCH (r:SourceRecord)-[:BELONGS_TO]->(c)
         OPTIONAL MATCH (r)-[:HAS]->(i:Identifier)
         RETURN requested, c.id AS id,
                collect(DISTINCT {system: r.system, localId: r.localId}) AS records,
                collect(DISTINCT {kind: i.kind, value: i.value}) AS identifiers`,
        { ids: missing },
      );
      // Written together (one pipeline), not one round trip each.
      const writes: Promise<void>[] = [];
      for (const row of rows) {
        const sourceRecords = (row.records as SourceRecordKey[]).filter((r) => r.system !== null).sort(bySourceRecord);
        const identifiers = (row.identifiers as { kind: IdentifierKind; value: string }[])
          .filter((i) => i.kind !== null)
          .sort((a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));
        const customer = sourceRecords.length === 0 ? null : { id: row.id as string, identifiers, sourceRecords };
        found.set(row.requested as string, customer);
        if (customer)
          writes.push(this.cache.set(customerKey(row.requested as string), JSON.stringify(customer), this.ttl));
      }
      await Promise.all(writes);
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /**
   * The source records of many customers (merged-away ids: their survivor's), read from Neo4j in one
   * statement without the cache: what the audience engine reads of every customer of a segment
   * scan. A scan reads each customer once, so looking it up in Redis first is a miss, and writing
   * it there afterwards (a JSON copy of each customer, identifiers included) filled Redis with a
   * copy of the graph and cost the scan a tenth of its CPU. Unknown ids (erased): no records.
   */
  async sourceRecordsOf(ids: readonly string[]): Promise<SourceRecordKey[][]> {
    if (ids.length === 0) return [];
    const rows = await this.read(
      `${CUSTOMERS_OF_IDS}
       MATCH (r:SourceRecord)-[:BELONGS_TO]->(c)
       RETURN requested, collect([r.system, r.localId]) AS records`,
      { ids: [...new Set(ids)] },
    );
    const found = new Map<string, SourceRecordKey[]>();
    for (const row of rows) {
      const records = (row.records as [string, string][])
        .map(([system, localId]) => ({ system, localId }))
        .sort(bySourceRecord);
      found.set(row.requested as string, records);
    }
    return ids.map((id) => found.get(id) ?? []);
  }

  /**
   * Why the records of a customer are one person: every pair of its records
   * sharing an identifier that links, and every explicit link, with rule,
   * source, confidence and time.
   */
  async links(customerId: string): Promise<IdentityLink[]> {
    const rows = await this.read(
      `MATCH (c:Customer {id: $id})<-[:BELONGS_TO]-(r:SourceRecord)
       WITH collect(r) AS records
       UNWIND records AS r
       CALL {
         WITH r, records
         MATCH (r)-[h1:HAS]->(i:Identifier)<-[h2:HAS]-(o:SourceRecord)
         WHERE o IN records AND elementId(r) < elementId(o) AND NOT coalesce(i.blocked, false)
         WITH r, o, i, h1, h2,
              CASE WHEN coalesce(h1.since, h1.at) > coalesce(h2.since, h2.at) THEN h1 ELSE h2 END AS latest
         RETURN [r.system, r.localId] AS from, [o.system, o.localId] AS to, $shared AS rule, i.kind AS kind,
                i.value AS value, 1.0 AS confidence, latest.source AS source, toString(coalesce(latest.since, latest.at)) AS at,
                null AS actor, null AS reason, null AS evidence
         UNION
         WITH r, records
         MATCH (r)-[l:SAME_AS]->(o:SourceRecord) WHERE o IN records
         RETURN [r.system, r.localId] AS from, [o.system, o.localId] AS to, l.rule AS rule, null AS kind, null AS value,
                l.confidence AS confidence, coalesce(l.actor, l.source, l.rule) AS source, toString(l.at) AS at,
                l.actor AS actor, l.reason AS reason, l.evidence AS evidence
       }
       RETURN from, to, rule, kind, value, confidence, source, at, actor, reason, evidence
       ORDER BY from, to, kind, value`,
      { id: customerId, shared: RULES.sharedIdentifier },
    );
    return rows.map((row) => {
      const [fs, fl] = row.from as [string, string];
      const [ts, tl] = row.to as [string, string];
      return {
        from: { system: fs, localId: fl },
        to: { system: ts, localId: tl },
        rule: row.rule as string,
        identifier: row.kind ? { kind: row.kind as IdentifierKind, value: row.value as string } : null,
        confidence: Number(row.confidence),
        source: row.source as string,
        at: row.at as string,
        actor: (row.actor as string | null) ?? null,
        reason: (row.reason as string | null) ?? null,
        match: parseEvidence(row.evidence),
      };
    });
  }

  /** The audit trail of a customer: assignments, merges, links and unlinks, oldest first. */
  async history(customerId: string): Promise<IdentityEvent[]> {
    // Events naming the customer, and events about the records it holds now (e.g. a manual link made
    // while a record still belonged to a customer merged away since). `e.at IS NOT NULL` (every event has
    // a time) lets the second part seek the (system, localId, at) index instead of scanning every event.
    const rows = await this.read(
      `MATCH (e:IdentityEvent)
       WHERE e.customerId = $id OR e.previousCustomerId = $id OR e.mergedCustomerId = $id
       RETURN e
       UNION
       MATCH (:Customer {id: $id})<-[:BELONGS_TO]-(r:SourceRecord)
       MATCH (e:IdentityEvent {system: r.system, localId: r.localId}) WHERE e.at IS NOT NULL
       RETURN e`,
      { id: customerId },
    );
    return rows
      .map((row) => toEvent((row.e as { properties: Record<string, unknown> }).properties))
      .sort((a, b) => a.at.localeCompare(b.at) || a.type.localeCompare(b.type));
  }

  /**
   * Point in time: which customer an identifier belonged to at `at`, as the
   * graph knew it then (the customer id of that time; it may have been merged
   * since). Null when no record held the identifier then.
   */
  async customerIdAt(identifier: NormalizedIdentifier, at: Date): Promise<string | null> {
    const rows = await this.read(
      `MATCH (i:Identifier {kind: $kind, value: $value})
       CALL {
         WITH i
         MATCH (i)<-[h:HAS]-(r:SourceRecord) WHERE coalesce(h.since, h.at) <= datetime($at)
         RETURN r.system AS system, r.localId AS localId
         UNION
         WITH i
         MATCH (e:IdentityEvent {type: 'identifier-removed', kind: $kind, value: $value})
         WHERE e.since <= datetime($at) AND e.at > datetime($at)
         RETURN e.system AS system, e.localId AS localId
       }
       MATCH (a:IdentityEvent {type: 'assign', system: system, localId: localId}) WHERE a.at <= datetime($at)
       WITH system, localId, a ORDER BY a.at DESC
       WITH system, localId, collect(a.customerId)[0] AS customerId
       RETURN customerId, count(*) AS records ORDER BY records DESC, customerId LIMIT 1`,
      { kind: identifier.kind, value: identifier.value, at: at.toISOString() },
    );
    return (rows[0]?.customerId as string | undefined) ?? null;
  }

  /** Identifiers blocked from linking, most used first: what a data steward reviews. */
  async blockedIdentifiers(limit = 100): Promise<BlockedIdentifier[]> {
    const rows = await this.read(
      `MATCH (i:Identifier) WHERE i.blocked = true
       RETURN i.kind AS kind, i.value AS value, i.blockedReason AS reason, toString(i.blockedAt) AS blockedAt,
              COUNT { (i)<-[:HAS]-(:SourceRecord) } AS records
       ORDER BY records DESC, kind, value LIMIT $limit`,
      { limit: neo4j.int(limit) },
    );
    return rows.map(toBlocked);
  }

  /** Identifiers of one customer that are blocked from linking. */
  async blockedIdentifiersOf(customerId: string): Promise<BlockedIdentifier[]> {
    const rows = await this.read(
      `MATCH (:Customer {id: $id})<-[:BELONGS_TO]-(:SourceRecord)-[:HAS]->(i:Identifier) WHERE i.blocked = true
       WITH DISTINCT i
       RETURN i.kind AS kind, i.value AS value, i.blockedReason AS reason, toString(i.blockedAt) AS blockedAt,
              COUNT { (i)<-[:HAS]-(:SourceRecord) } AS records
       ORDER BY kind, value`,
      { id: customerId },
    );
    return rows.map(toBlocked);
  }

  /** The customer a source record belongs to, or null. */
  async customerIdOfRecord(system: string, localId: string): Promise<string | null> {
    const rows = await this.read(
      `MATCH (:SourceRecord {system: $system, localId: $localId})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS id`,
      { system, localId },
    );
    return (rows[0]?.id as string | undefined) ?? null;
  }

  /** The watermark of a source's observation feed, or null before its first page. */
  async feedCursor(source: string): Promise<string | null> {
    const rows = await this.read('MATCH (f:FeedCursor {source: $source}) RETURN f.cursor AS cursor', { source });
    return (rows[0]?.cursor as string | undefined) ?? null;
  }

  /** Pages of a source's feed marked done past its watermark: cursor read after → cursor after the page. */
  async feedPages(source: string): Promise<Map<string, string>> {
    const rows = await this.read(
      'MATCH (p:FeedPage {source: $source}) WHERE p.passedAt IS NULL RETURN p.after AS after, p.next AS next',
      { source },
    );
    return new Map(rows.map((r) => [r.after as string, r.next as string]));
  }

  /**
   * Moves a source's watermark from `from` to `to` over the pages read after
   * each cursor of `passed`, and turns their marks into tombstones. Only moves
   * forward: a watermark another consumer moved further stays where it is.
   *
   * A tombstone, not a delete: another consumer that read the same page
   * before the watermark passed it may still commit it. Its mark (a MERGE in
   * its page's transaction) then finds the tombstone and adds nothing; had
   * the mark been deleted, it would create a new one behind the watermark,
   * which no consumer would ever pass again (a consumer killed before its own
   * advance left three such marks in CI). Tombstones go after
   * `FEED_TOMBSTONE_HOURS`.
   */
  async advanceFeedCursor(source: string, from: string, passed: string[], to: string): Promise<void> {
    const session = this.session('WRITE');
    try {
      await session.executeWrite(async (tx) => {
        await tx.run(
          `MERGE (f:FeedCursor {source: $source})
           WITH f WHERE coalesce(f.cursor, '') = $from OR coalesce(f.cursor, '') IN $passed
           SET f.cursor = $to, f.updatedAt = datetime()`,
          { source, from, passed, to },
        );
        await tx.run(
          `MATCH (p:FeedPage {source: $source}) WHERE p.after IN $passed AND p.passedAt IS NULL
           SET p.passedAt = datetime()`,
          { source, passed },
        );
        await tx.run(
          `MATCH (p:FeedPage)
           WHERE p.passedAt < datetime() - duration({hours: $hours}) AND p.source = $source DELETE p`,
          { source, hours: FEED_TOMBSTONE_HOURS },
        );
      });
    } finally {
      await session.close();
    }
  }

  async saveFeedCursor(source: string, cursor: string): Promise<void> {
    const session = this.session('WRITE');
    try {
      await session.executeWrite((tx) =>
        tx.run('MERGE (f:FeedCursor {source: $source}) SET f.cursor = $cursor, f.updatedAt = datetime()', {
          source,
          cursor,
        }),
      );
    } finally {
      await session.close();
    }
  }

  /**
   * Plans every read query once, so that the first customer page after a
   * start does not pay seconds of Cypher planning (the explain query takes
   * ~3 s to plan cold) and trip the gateway's timeout.
   */
  async warmUp(): Promise<void> {
    const none = '\u0000warm-up';
    const identifier = { kind: 'EMAIL' as const, value: none };
    await Promise.all([
      this.customers([none]),
      this.customerIdByIdentifier(identifier),
      this.links(none),
      this.history(none),
      this.blockedIdentifiersOf(none),
      this.customerIdAt(identifier, new Date()),
      this.matchReviews('PENDING', 1, null),
    ]);
  }

  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok', {});
  }

  /**
   * Runs a resolving write in a managed transaction (retried by the driver on
   * deadlocks and other transient errors, each retry counted), with the locks
   * it takes (see WriteLocks); caches of everything it touched are dropped
   * after commit.
   */
  private async write<T extends { customers: string[]; identifiers: string[] }>(
    work: (tx: ManagedTransaction, locks: WriteLocks) => Promise<T>,
  ): Promise<T> {
    const session = this.session('WRITE');
    let attempt = 0;
    let lastCode = 'unknown';
    let result: T;
    try {
      for (let round = 1; ; round += 1) {
        try {
          result = await session.executeWrite(async (tx) => {
            attempt += 1;
            if (attempt > 1) this.countRetry(lastCode);
            try {
              const planned = withCachedPlans(tx);
              return await work(planned, new WriteLocks(planned));
            } catch (err) {
              lastCode = (err as { code?: string }).code ?? 'unknown';
              throw err;
            }
          });
          break;
        } catch (err) {
          // The driver retries a transient error (a deadlock, a leader change) for maxTransactionRetryTime
          // (30 s by default); long writes under heavy contention can use that budget up: a few more tries.
          if (round >= MAX_WRITE_ROUNDS || !isRetriableError(err)) throw err;
          this.logger.warn({ code: lastCode, round }, 'identity write still failing after the driver retries; again');
        }
      }
    } finally {
      await session.close();
    }
    this.stats.transactions += 1;
    this.counters?.transactions.inc();
    await this.cache.delete([
      ...result.customers.map(customerKey),
      ...result.identifiers.map((k) => `identity:identifier:${k}`),
    ]);
    if (result.customers.length > 0 && this.options.onCustomersChanged) {
      try {
        await this.options.onCustomersChanged(result.customers);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'could not invalidate caches of changed customers');
      }
    }
    return result;
  }

  private countRetry(code: string): void {
    this.stats.retries += 1;
    this.stats.retriesByCode[code] = (this.stats.retriesByCode[code] ?? 0) + 1;
    this.counters?.retries.inc({ code });
  }

  /** A session of this graph: its database, access mode (READ goes to readers of a cluster) and bookmarks. */
  private session(mode: SessionMode) {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
  }

  /**
   * Re-resolves the clusters around the given records (for writes that are
   * not observations: merges, unlinks, reviews, matches).
   */
  private resolveAround(
    tx: ManagedTransaction,
    locks: WriteLocks,
    startKeys: string[],
    actor: Actor,
  ): Promise<WriteOutcome> {
    return this.resolveStable(tx, locks, actor, {}, async () => ({
      start: startKeys,
      alsoLock: [],
      batch: emptyBatch(),
    }));
  }

  /**
   * Reads the closed set of records around the start records (with the batch
   * being observed, if any, as `prepare` reads it), locks the customers of
   * what it read, and reads again until it holds every customer it read: then
   * nothing it read can change before commit, since every write that moves a
   * record or changes its identifiers holds the record's customer. Then
   * applies the batch in memory, blocks identifiers the guards now stop,
   * decides with resolve(), and sends every write at once.
   */
  private async resolveStable(
    tx: ManagedTransaction,
    locks: WriteLocks,
    actor: Actor,
    timings: Record<string, number>,
    prepare: (previous: string[]) => Promise<{ start: string[]; alsoLock: (string | null)[]; batch: Batch }>,
  ): Promise<WriteOutcome> {
    let started = performance.now();
    const lap = (phase: string) => {
      timings[phase] = (timings[phase] ?? 0) + Math.round(performance.now() - started);
      started = performance.now();
    };
    let batch: Batch;
    let closure: string[] = [];
    for (let round = 1; ; round += 1) {
      // A round after locking reads again what the previous one found, in as few statements as it can.
      const prepared = await prepare(closure);
      batch = prepared.batch;
      closure = await loadClosure(tx, prepared.start, batch, closure);
      lap('gather');
      const customers = new Set<string>();
      for (const c of prepared.alsoLock) if (c) customers.add(c);
      for (const key of closure) {
        const c = batch.stored.get(key)?.customerId;
        if (c) customers.add(c);
      }
      const missing = [...customers].filter((c) => !locks.holdsCustomer(c));
      if (missing.length === 0) break;
      if (round > MAX_LOCK_ROUNDS) throw new LockRoundsExceededError(round);
      await locks.customers(missing);
      lap('lock');
    }
    const { states, identifiers } = statesAfter(closure, batch, this.isBlockListed);
    for (const { kind, value, reason } of blockOverused(states, this.rules)) {
      identifiers.set(idKey({ kind, value }), { kind, value, blockedReason: reason });
    }
    const resolution = resolve(states, this.rules, randomUUID);
    lap('decide');
    if (resolution.refused.length > 0) {
      this.logger.debug(
        { refused: resolution.refused.slice(0, 20), count: resolution.refused.length },
        'links refused by guards',
      );
    }
    await writeResolution(tx, { identifiers: [...identifiers.values()], batch, resolution, actor });
    lap('write');
    return { assignment: resolution.assignment, ...touchedBy(batch, states, resolution, identifiers) };
  }

  /** The review queue: pairs of a status, best score first. */
  async matchReviews(status: MatchReviewStatus, first: number, after: ReviewPosition | null): Promise<MatchReviewPage> {
    const session = this.session('READ');
    try {
      return await session.executeRead((tx) => listReviews(tx, status, first, after));
    } finally {
      await session.close();
    }
  }

  /** One review by id, or null. */
  async matchReview(id: string): Promise<MatchReview | null> {
    const session = this.session('READ');
    try {
      return await session.executeRead((tx) => reviewById(tx, id));
    } finally {
      await session.close();
    }
  }

  /**
   * Decides a pending review (see matching/review.ts): accepted, its records
   * are linked and re-resolved; rejected, the pair is never proposed again.
   * Returns the customer of the pair's first record afterwards. Throws
   * ReviewDecisionError for an unknown or already decided review.
   */
  async decideMatch(id: string, decision: 'ACCEPTED' | 'REJECTED', actor: Actor): Promise<string | null> {
    let first = '';
    const { assignment } = await this.write(async (tx, locks) => {
      const [left, right] = await decideReview(tx, id, decision, actor);
      first = keyOf(...left);
      if (decision === 'REJECTED') return NOTHING;
      return this.resolveAround(tx, locks, [keyOf(...left), keyOf(...right)], actor);
    });
    return assignment.get(first) ?? (await this.customerIdOfRecord(...tupleOf(first)));
  }

  /**
   * A page of customer ids in id order, strictly after `after`: every
   * customer that holds records, merged-away ids left out. For exports that
   * scan all customers (the audience CLI); walks the customer id index.
   */
  async customerIds(first: number, after: string | null): Promise<{ ids: string[]; hasNextPage: boolean }> {
    const rows = await this.read(
      `MATCH (c:Customer) WHERE c.id > $after AND NOT (c)-[:MERGED_INTO]->() AND (:SourceRecord)-[:BELONGS_TO]->(c)
       RETURN c.id AS id ORDER BY c.id LIMIT $limit`,
      { after: after ?? '', limit: neo4j.int(first + 1) },
    );
    const ids = rows.map((r) => r.id as string);
    return { ids: ids.slice(0, first), hasNextPage: ids.length > first };
  }

  /**
   * One read statement, as an auto-commit transaction: the driver sends it and its PULL in one write and
   * reads one answer, where a managed transaction (`executeRead`) sends BEGIN, RUN and COMMIT, each its own
   * socket write and round trip (a quarter of the all-in-one product's CPU per customer page went to the
   * Neo4j driver, most of it those writes). A read has nothing to roll back, so what the managed
   * transaction added is its retry: a retriable failure (a leader change, a connection the server closed)
   * is tried again here, up to READ_ATTEMPTS times.
   */
  private async read(query: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    for (let attempt = 1; ; attempt += 1) {
      const session = this.session('READ');
      try {
        const result = await session.run(query, params);
        return result.records.map((r) => r.toObject());
      } catch (err) {
        if (attempt >= READ_ATTEMPTS || !neo4j.isRetriableError(err)) throw err;
      } finally {
        await session.close();
      }
    }
  }
}

/** Tries of a read statement that fails with a retriable error (see IdentityGraph.read). */
const READ_ATTEMPTS = 3;

const UNPLANNED = Symbol('the transaction without CYPHER replan=skip');

/**
 * The transaction as the driver gave it: for the probabilistic matcher's
 * statements, whose best plan depends on the sizes of the blocks, so Neo4j
 * keeps planning them again as the statistics change.
 */
function unplanned(tx: ManagedTransaction): ManagedTransaction {
  return (tx as unknown as Record<symbol, ManagedTransaction | undefined>)[UNPLANNED] ?? tx;
}

/**
 * The write transaction with every statement run on the plan Neo4j has
 * cached for it (`CYPHER replan=skip`). While a graph grows fast (a first
 * load), its statistics change by more than Neo4j's divergence threshold
 * between batches, and Neo4j plans each statement again, every few seconds:
 * a third of the server's CPU went to the Cypher planner on a first load
 * (jstack samples of the JVM, docs/identity-graph.md). The write path's
 * statements look nodes up through their uniqueness constraints, whose
 * index seeks do not depend on the statistics, so the plan made once is
 * the plan. The probabilistic matcher's statements are the exception (see
 * unplanned).
 */
function withCachedPlans(tx: ManagedTransaction): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === UNPLANNED) return target;
      if (property === 'run') {
        return (query: string, parameters?: Record<string, unknown>) =>
          target.run(`CYPHER replan=skip ${query}`, parameters);
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Times a write is handed to the driver's managed transaction (which itself retries for up to 30 s). */
const MAX_WRITE_ROUNDS = 5;

/** What a write that changed nothing returns. */
const NOTHING = { assignment: new Map<string, string>(), customers: [] as string[], identifiers: [] as string[] };

/**
 * Rounds of "read, lock the customers found" before a write gives up: each
 * round only happens when another write moved records between two reads,
 * so many rounds mean a cluster that keeps changing under heavy contention.
 */
const MAX_LOCK_ROUNDS = 50;

/** Thrown (and the transaction rolled back) when the records around a write kept changing; the caller may retry. */
export class LockRoundsExceededError extends Error {
  constructor(readonly rounds: number) {
    super(`the customers around this write kept changing after ${rounds} rounds of locking; try again`);
  }
}

function registerWriteCounters(registry: Registry) {
  const existing = (name: string) => registry.getSingleMetric(name) as Counter<string> | undefined;
  const transactions =
    existing('c360_identity_write_transactions_total') ??
    new Counter({
      name: 'c360_identity_write_transactions_total',
      help: 'Resolving write transactions committed to the identity graph',
      registers: [registry],
    });
  const retries =
    (existing('c360_identity_write_retries_total') as Counter<'code'> | undefined) ??
    new Counter({
      name: 'c360_identity_write_retries_total',
      help: 'Identity graph write transactions run again after a transient error (deadlock, leader change), by error code',
      labelNames: ['code'],
      registers: [registry],
    });
  return { transactions, retries };
}

/** The matching blocks of observations carrying match keys (every email and phone observed, blocked or not). */
function blocksOf(observations: Observation[]): string[] {
  const blocks = new Set<string>();
  for (const o of observations) {
    if (!o.match) continue;
    const keys = {
      keys: o.match,
      emails: linkingValues(o.identifiers, 'EMAIL'),
      phones: linkingValues(o.identifiers, 'PHONE'),
    };
    for (const b of blockKeysOf(keys)) blocks.add(b);
  }
  return [...blocks];
}

/** An observation's values of one kind that link (not known blocked), sorted, as the matcher compares them. */
export function linkingValues(
  identifiers: NormalizedIdentifier[],
  kind: string,
  isBlocked: (key: string) => boolean = () => false,
): string[] {
  return identifiers
    .filter((i) => i.kind === kind && !isBlocked(idKey(i)))
    .map((i) => i.value)
    .sort();
}

/** Source records first (system, local id), so that every writer claims a batch's records in one order. */
const byRecordKey = (a: [string, string], b: [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/**
 * The new records of a batch, created bare (the batch fills them in), so that two writers observing one new
 * record at once wait for each other on the uniqueness constraint instead of one failing on it. Returns the
 * records that turn out to exist (another writer created them while this one waited): not new any more.
 */
const CLAIM_RECORDS = `
  UNWIND $keys AS k
  MERGE (r:SourceRecord {system: k[0], localId: k[1]})
  WITH k, r WHERE r.lastObservedAt IS NOT NULL
  RETURN k`;

/**
 * The batch's identifiers: created if new (blocked at once when the block list names them) and locked unless
 * blocked. A blocked identifier links nothing, so no write needs to wait for another to hold it: a value on
 * thousands of records does not serialise their writers.
 */
const CLAIM_IDENTIFIERS = `
  UNWIND $identifiers AS idf
  MERGE (i:Identifier {kind: idf.kind, value: idf.value})
    ON CREATE SET i.blocked = CASE WHEN idf.listed THEN true END,
                  i.blockedReason = CASE WHEN idf.listed THEN 'block-list' END,
                  i.blockedAt = CASE WHEN idf.listed THEN datetime() END
  WITH idf, i WHERE NOT coalesce(i.blocked, false)
  SET i._lock = $token
  RETURN idf.kind AS kind, idf.value AS value,
         [(i)<-[:HAS]-(r:SourceRecord) | {key: [r.system, r.localId], customerId: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0],
            pinned: coalesce(r.pinned, false), nameKey: r.nameKey}] AS holders`;

/** A record holding an identifier a write claimed, as the claim found it (see fastPath). */
interface Holder {
  key: string;
  customerId: string | null;
  pinned: boolean;
  nameKey: string | null;
}

/**
 * What a claim found: the holders of each identifier it locked, by idKey. An identifier claimed but not here
 * is blocked (it links nothing, and was not locked). The holders cannot change before commit: every write that
 * links or unlinks an identifier that is not blocked claims it first.
 */
type Claimed = Map<string, Holder[]>;

/** What a claim found: the holders of its identifiers, and the records it meant to create that exist already. */
interface Claim {
  holders: Claimed;
  existing: Set<string>;
}

/**
 * The locks of one write transaction, always taken in one order so that
 * writes wait for each other rather than deadlock: the batch's records and
 * identifiers (claim, key order), then the probabilistic matching blocks of
 * the records claimed (key order), then customers (id order, in rounds as
 * the records around the batch are read): those of the records around the
 * batch and those of the records the matcher will link it with, read under
 * the blocks' locks (candidateCustomers), in the same rounds. The matcher
 * locks the customers of the records it links or proposes before it writes
 * to them. Blocks used to be locked after the customers, and the matcher's
 * candidates' customers after the blocks: two writers matching at once each
 * held what the other waited for (DeadlockDetected, until the retries ran
 * out). A later round that finds a customer ordered before one it holds
 * may still deadlock with another write: Neo4j detects it, and the driver's
 * managed transaction runs the write again (counted as a retry).
 *
 * A lock is a write of a property (`_lock`) with a value of this
 * transaction: Neo4j takes a node's write lock when a property is set and
 * holds it until commit (the documented way to lock without APOC).
 */
class WriteLocks {
  private readonly heldCustomers = new Set<string>();
  private readonly heldBlocks = new Set<string>();
  private readonly heldRecords = new Set<string>();
  private readonly token = Math.floor(Math.random() * 2 ** 31);

  constructor(private readonly tx: ManagedTransaction) {}

  holdsCustomer(id: string): boolean {
    return this.heldCustomers.has(id);
  }

  holdsRecord(key: string): boolean {
    return this.heldRecords.has(key);
  }

  async claim(
    records: { system: string; localId: string }[],
    identifiers: NormalizedIdentifier[],
    isBlockListed: (identifier: NormalizedIdentifier) => boolean,
  ): Promise<Claim> {
    const keys = records.map((r): [string, string] => [r.system, r.localId]).sort(byRecordKey);
    for (const [system, localId] of keys) this.heldRecords.add(keyOf(system, localId));
    const sorted = identifiers
      .map(({ kind, value }) => ({ kind, value, listed: isBlockListed({ kind, value }) }))
      .sort((a, b) => byRecordKey([a.kind, a.value], [b.kind, b.value]));
    // Sent together (one round trip); the server runs them in this order.
    const [present, claimed] = await Promise.all([
      this.tx.run(CLAIM_RECORDS, { keys }),
      sorted.length > 0 ? this.tx.run(CLAIM_IDENTIFIERS, { identifiers: sorted, token: this.token }) : null,
    ]);
    const holders: Claimed = new Map();
    for (const row of claimed?.records ?? []) {
      holders.set(
        idKey({ kind: row.get('kind'), value: row.get('value') }),
        (
          row.get('holders') as {
            key: [string, string];
            customerId: string | null;
            pinned: boolean;
            nameKey: string | null;
          }[]
        ).map((h) => ({
          key: keyOf(...h.key),
          customerId: h.customerId,
          pinned: h.pinned,
          nameKey: h.nameKey ?? null,
        })),
      );
    }
    return { holders, existing: new Set(present.records.map((row) => keyOf(...(row.get('k') as [string, string])))) };
  }

  /**
   * Locks customers (as customers() does) and returns, for each, its records and the values of its
   * identifiers that link (not blocked), read under the lock: what the fast path checks its decision against.
   */
  async customersWithValues(
    ids: string[],
  ): Promise<Map<string, { records: Set<string>; values: NormalizedIdentifier[] }>> {
    const todo = [...new Set(ids)].sort();
    const found = new Map<string, { records: Set<string>; values: NormalizedIdentifier[] }>();
    if (todo.length === 0) return found;
    const result = await this.tx.run(
      `UNWIND $ids AS id
       MATCH (c:Customer {id: id})
       SET c._lock = $token
       WITH c
       RETURN c.id AS id, [(c)<-[:BELONGS_TO]-(r:SourceRecord) | [r.system, r.localId]] AS records,
              [(c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS]->(i:Identifier) WHERE NOT coalesce(i.blocked, false)
                 | {kind: i.kind, value: i.value}] AS values`,
      { ids: todo, token: this.token },
    );
    for (const id of todo) this.heldCustomers.add(id);
    for (const row of result.records) {
      found.set(row.get('id'), {
        records: new Set((row.get('records') as [string, string][]).map((k) => keyOf(...k))),
        values: row.get('values'),
      });
    }
    return found;
  }

  async customers(ids: string[]): Promise<void> {
    const todo = [...new Set(ids)].filter((id) => !this.heldCustomers.has(id)).sort();
    if (todo.length === 0) return;
    await this.tx.run('UNWIND $ids AS id MATCH (c:Customer {id: id}) SET c._lock = $token', {
      ids: todo,
      token: this.token,
    });
    // An id no longer in the graph (erased meanwhile) counts as held: the next read will not find it again.
    for (const id of todo) this.heldCustomers.add(id);
  }

  /**
   * Locks the blocks (created if new) that the matcher will read: those with
   * fewer than `maxBlockSize` records. A block that size or larger is never
   * matched (see matchObserved), so a writer needs no lock on it: a block of a
   * common name, on a record of most pages, no longer makes the writers of
   * those pages wait for each other.
   */
  async blocks(keys: string[], maxBlockSize: number): Promise<void> {
    const todo = [...new Set(keys)].filter((k) => !this.heldBlocks.has(k)).sort();
    if (todo.length === 0) return;
    await this.tx.run(
      `UNWIND $keys AS key
       MERGE (b:MatchBlock {key: key})
       WITH b WHERE COUNT { (b)<-[:IN_BLOCK]-() } < $maxBlockSize
       SET b._lock = $token`,
      { keys: todo, token: this.token, maxBlockSize },
    );
    for (const k of todo) this.heldBlocks.add(k);
  }
}

/** The customers the asked ids resolve to now (ids merged away give their survivor). */
async function survivorsOf(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  const result = await tx.run(
    `${CUSTOMERS_OF_IDS}
     RETURN collect(DISTINCT c.id) AS ids`,
    { ids },
  );
  return (result.records[0]?.get('ids') as string[] | undefined) ?? [];
}

export class UnknownCustomerError extends Error {
  constructor(readonly ids: string[]) {
    super(`Unknown customer id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`);
  }
}

function toBlocked(r: Record<string, unknown>): BlockedIdentifier {
  return {
    kind: r.kind as IdentifierKind,
    value: r.value as string,
    reason: r.reason as string,
    blockedAt: r.blockedAt as string,
    records: Number(r.records),
  };
}

function toEvent(p: Record<string, unknown>): IdentityEvent {
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return {
    type: p.type as IdentityEvent['type'],
    at: String(p.at),
    customerId: str(p.customerId),
    previousCustomerId: str(p.previousCustomerId),
    mergedCustomerId: str(p.mergedCustomerId),
    record: p.system ? { system: String(p.system), localId: String(p.localId) } : null,
    identifier: p.kind ? { kind: p.kind as IdentifierKind, value: String(p.value) } : null,
    rule: str(p.rule),
    actor: str(p.actor),
    reason: str(p.reason),
  };
}

/** An observation as the write path applies it: the record's identifiers now, each once. */
export interface IncomingRecord {
  key: string;
  system: string;
  localId: string;
  observedAt: string;
  observedAtMs: number;
  nameKey: string | null;
  identifiers: NormalizedIdentifier[];
}

/** Keeps in `latest` the latest observation of each record (by key); of two at the same time, the later given. */
export function keepLatest(latest: Map<string, Observation>, obs: Observation): void {
  const key = keyOf(obs.system, obs.localId);
  const seen = latest.get(key);
  if (!seen || seen.observedAt === obs.observedAt || Date.parse(seen.observedAt) <= Date.parse(obs.observedAt)) {
    latest.set(key, obs);
  }
}

/** An observation as the write path applies it. */
export function incomingRecord(key: string, o: Observation): IncomingRecord {
  return {
    key,
    system: o.system,
    localId: o.localId,
    observedAt: o.observedAt,
    observedAtMs: Date.parse(o.observedAt),
    nameKey: o.nameKey ?? null,
    // A source may hold one value twice (the same email as personal and work): one link.
    identifiers: [...new Map(o.identifiers.map((i) => [idKey(i), { kind: i.kind, value: i.value }])).values()],
  };
}

/** What an observation changes on a record the graph already holds. */
interface RecordUpdate extends IncomingRecord {
  added: NormalizedIdentifier[];
  removed: NormalizedIdentifier[];
}

/** A source record as the graph holds it (see loadRecords). */
interface StoredRecord {
  key: string;
  customerId: string | null;
  customerCreatedAt: string | null;
  pinned: boolean;
  nameKey: string | null;
  /** Epoch milliseconds of the observation applied last. */
  lastObservedAt: number | null;
  identifiers: (NormalizedIdentifier & { blocked: boolean })[];
  sameAs: { other: string; rule: string }[];
  /** What the closure follows: records sharing an identifier that is not blocked, linked explicitly, or in the same customer. */
  neighbours: string[];
}

/** An identifier the graph already holds, with the records holding it (none listed once it is blocked). */
export interface KnownIdentifier {
  blocked: boolean;
  holders: string[];
}

/** The observations being applied, and what the graph held before them. */
export interface Batch {
  /** Records read so far: the batch's own, then those around the records it changes. */
  stored: Map<string, StoredRecord>;
  /** The batch's identifiers that the graph already holds, by idKey. */
  known: Map<string, KnownIdentifier>;
  /** Records whose identifiers are now the observed ones (every observation not older than the graph's). */
  applied: Map<string, IncomingRecord>;
  created: IncomingRecord[];
  updated: RecordUpdate[];
}

const emptyBatch = (): Batch => ({ stored: new Map(), known: new Map(), applied: new Map(), created: [], updated: [] });

/** An identifier to write: created if new, and blocked when a reason is given. */
export interface IdentifierWrite extends NormalizedIdentifier {
  blockedReason: string | null;
}

interface WriteOutcome {
  assignment: Map<string, string>;
  /** Cache keys to drop after commit: customers and identifiers (idKey) whose answer may have changed. */
  customers: string[];
  identifiers: string[];
}

/**
 * Compares each observation with the record as the graph holds it. An
 * observation is the record's full current set of identifiers, so links to
 * identifiers it no longer holds go; an observation older than the one
 * already applied is ignored, which makes out-of-order and replayed feeds
 * harmless. Resolution starts only from records whose identifiers or name
 * changed: a record observed again as it was needs no new decision.
 */
function planObservations(incoming: IncomingRecord[], stored: Map<string, StoredRecord>) {
  const applied = new Map<string, IncomingRecord>();
  const created: IncomingRecord[] = [];
  const updated: RecordUpdate[] = [];
  const start = new Set<string>();
  for (const rec of incoming) {
    const before = stored.get(rec.key);
    if (!before) {
      applied.set(rec.key, rec);
      created.push(rec);
      start.add(rec.key);
      continue;
    }
    // No record is left without a customer; should one be, it is resolved whatever its observation says.
    if (before.customerId === null) start.add(rec.key);
    if (before.lastObservedAt !== null && before.lastObservedAt > rec.observedAtMs) continue;
    applied.set(rec.key, rec);
    const now = new Set(rec.identifiers.map(idKey));
    const had = new Set(before.identifiers.map(idKey));
    const added = rec.identifiers.filter((i) => !had.has(idKey(i)));
    const removed = before.identifiers.filter((i) => !now.has(idKey(i))).map(({ kind, value }) => ({ kind, value }));
    const changed = added.length > 0 || removed.length > 0 || before.nameKey !== rec.nameKey;
    if (changed) start.add(rec.key);
    if (changed || before.lastObservedAt !== rec.observedAtMs) updated.push({ ...rec, added, removed });
  }
  return { applied, created, updated, start };
}

/**
 * The state of records read by loadRecords: customer, identifiers and
 * explicit links, and the records the closure follows from each. Reads the
 * records of $keys; those of $around with every record of their customers;
 * and the records holding the identifiers of $identifiers that link (not
 * blocked), with every record of their customers too: one statement for what
 * the closure would otherwise read level by level (the batch, then the
 * holders of its identifiers, then their customers' records).
 */
const LOAD_RECORDS = `
  CALL {
    UNWIND $keys AS k
    MATCH (r:SourceRecord {system: k[0], localId: k[1]})
    RETURN r
    UNION
    CALL {
      UNWIND $around AS k
      MATCH (asked:SourceRecord {system: k[0], localId: k[1]})
      RETURN asked
      UNION
      UNWIND $identifiers AS idf
      MATCH (i:Identifier {kind: idf.kind, value: idf.value}) WHERE NOT coalesce(i.blocked, false)
      MATCH (i)<-[:HAS]-(asked:SourceRecord)
      RETURN asked
    }
    OPTIONAL MATCH (asked)-[:BELONGS_TO]->(customer:Customer)
    WITH DISTINCT coalesce(customer, asked) AS owner
    UNWIND CASE WHEN owner:Customer THEN [(owner)<-[:BELONGS_TO]-(m:SourceRecord) | m] ELSE [owner] END AS r
    RETURN r
  }
  WITH DISTINCT r
  OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
  RETURN [r.system, r.localId] AS k, c.id AS customerId,
         // Compared as text by resolve(): zero-padded epoch milliseconds sort as times do (an ISO text drops
         // trailing zeros of the fraction, so "…:29.3Z" would sort after "…:29.334Z").
         CASE WHEN c.createdAt IS NULL THEN null
              ELSE substring('0000000000000000', size(toString(c.createdAt.epochMillis))) + toString(c.createdAt.epochMillis) END
           AS createdAt,
         coalesce(r.pinned, false) AS pinned, r.nameKey AS nameKey, r.lastObservedAt.epochMillis AS lastObservedAt,
         [(r)-[:HAS]->(i:Identifier) | {kind: i.kind, value: i.value, blocked: coalesce(i.blocked, false),
            others: CASE WHEN coalesce(i.blocked, false) THEN []
                    ELSE [(i)<-[:HAS]-(o:SourceRecord) WHERE o <> r | [o.system, o.localId]] END}] AS identifiers,
         [(r)-[l:SAME_AS]-(o:SourceRecord) | {other: [o.system, o.localId], rule: l.rule}] AS sameAs,
         CASE WHEN c IS NULL THEN [] ELSE [(c)<-[:BELONGS_TO]-(m:SourceRecord) WHERE m <> r | [m.system, m.localId]] END
           AS members`;

async function loadRecords(
  tx: ManagedTransaction,
  {
    keys = [],
    around = [],
    identifiers = [],
  }: { keys?: string[]; around?: string[]; identifiers?: NormalizedIdentifier[] },
): Promise<Map<string, StoredRecord>> {
  const records = new Map<string, StoredRecord>();
  if (keys.length + around.length + identifiers.length === 0) return records;
  const result = await tx.run(LOAD_RECORDS, {
    keys: keys.map(tupleOf),
    around: around.map(tupleOf),
    identifiers: identifiers.map(({ kind, value }) => ({ kind, value })),
  });
  for (const row of result.records) {
    // A record claimed bare by this transaction (see CLAIM_RECORDS) is not in the graph yet.
    if (row.get('lastObservedAt') === null && row.get('customerId') === null) continue;
    const key = keyOf(...(row.get('k') as [string, string]));
    const identifiers = row.get('identifiers') as (NormalizedIdentifier & {
      blocked: boolean;
      others: [string, string][];
    })[];
    const sameAs = (row.get('sameAs') as { other: [string, string]; rule: string }[]).map((l) => ({
      other: keyOf(...l.other),
      rule: l.rule,
    }));
    const neighbours = new Set<string>(sameAs.map((l) => l.other));
    for (const i of identifiers) for (const o of i.others) neighbours.add(keyOf(...o));
    for (const m of row.get('members') as [string, string][]) neighbours.add(keyOf(...m));
    records.set(key, {
      key,
      customerId: row.get('customerId'),
      customerCreatedAt: row.get('createdAt'),
      pinned: row.get('pinned'),
      nameKey: row.get('nameKey') ?? null,
      lastObservedAt: row.get('lastObservedAt'),
      identifiers: identifiers.map(({ kind, value, blocked }) => ({ kind, value, blocked })),
      sameAs,
      neighbours: [...neighbours],
    });
  }
  return records;
}

/**
 * What the given records hold (customer, identifiers, name, last observation), without what is around
 * them: enough to plan a batch (planObservations), not to resolve it.
 */
async function loadRecordsLight(tx: ManagedTransaction, keys: string[]): Promise<Map<string, StoredRecord>> {
  const records = new Map<string, StoredRecord>();
  if (keys.length === 0) return records;
  const result = await tx.run(
    `UNWIND $keys AS k
     MATCH (r:SourceRecord {system: k[0], localId: k[1]}) WHERE r.lastObservedAt IS NOT NULL
     OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
     RETURN k, c.id AS customerId, r.nameKey AS nameKey, r.lastObservedAt.epochMillis AS lastObservedAt,
            coalesce(r.pinned, false) AS pinned,
            [(r)-[:HAS]->(i:Identifier) | {kind: i.kind, value: i.value, blocked: coalesce(i.blocked, false)}]
              AS identifiers`,
    { keys: keys.map(tupleOf) },
  );
  for (const row of result.records) {
    const key = keyOf(...(row.get('k') as [string, string]));
    records.set(key, {
      key,
      customerId: row.get('customerId'),
      customerCreatedAt: null,
      pinned: row.get('pinned'),
      nameKey: row.get('nameKey') ?? null,
      lastObservedAt: row.get('lastObservedAt'),
      identifiers: row.get('identifiers'),
      sameAs: [],
      neighbours: [],
    });
  }
  return records;
}

/** The identifiers the graph already holds among the given ones: blocked or not, and who holds those that are not. */
async function loadIdentifiers(
  tx: ManagedTransaction,
  identifiers: NormalizedIdentifier[],
): Promise<Map<string, KnownIdentifier>> {
  const known = new Map<string, KnownIdentifier>();
  if (identifiers.length === 0) return known;
  const result = await tx.run(
    `UNWIND $identifiers AS idf
     MATCH (i:Identifier {kind: idf.kind, value: idf.value})
     WITH idf, i, coalesce(i.blocked, false) AS blocked
     RETURN idf.kind AS kind, idf.value AS value, blocked,
            CASE WHEN blocked THEN [] ELSE [(i)<-[:HAS]-(r:SourceRecord) | [r.system, r.localId]] END AS holders`,
    { identifiers: identifiers.map(({ kind, value }) => ({ kind, value })) },
  );
  for (const row of result.records) {
    known.set(idKey({ kind: row.get('kind'), value: row.get('value') }), {
      blocked: row.get('blocked'),
      holders: (row.get('holders') as [string, string][]).map((h) => keyOf(...h)),
    });
  }
  return known;
}

/**
 * Loads the records around the start records until the set is closed, as the
 * graph will be once the batch is applied: every record sharing an identifier
 * that links, an explicit link or a customer with a record in the set is in
 * it. Blocked identifiers are not followed, so a value on thousands of
 * records costs nothing. Returns the keys of the set; the records read are
 * added to `batch.stored`.
 */
async function loadClosure(
  tx: ManagedTransaction,
  startKeys: string[],
  batch: Batch,
  previous: string[] = [],
): Promise<string[]> {
  // The batch's records were read already (and, for observations, the records around them); those it creates
  // are not in the graph yet.
  const read = new Set([...batch.stored.keys(), ...batch.created.map((r) => r.key)]);
  const seen = new Set(startKeys);
  const closure: string[] = [];
  let frontier = [...seen];
  // The closure of the previous round, read again with the first level: what it most likely still is.
  let ahead = previous;
  while (frontier.length > 0) {
    const unread = [...new Set([...frontier, ...ahead])].filter((k) => !read.has(k));
    ahead = [];
    if (unread.length > 0) {
      for (const [key, record] of await loadRecords(tx, { around: unread })) {
        batch.stored.set(key, record);
        read.add(key);
      }
      for (const key of unread) read.add(key);
    }
    const next: string[] = [];
    for (const key of frontier) {
      closure.push(key);
      // A record observed now also reaches the records holding its new identifiers.
      const holders = (batch.applied.get(key)?.identifiers ?? []).flatMap(
        (i) => batch.known.get(idKey(i))?.holders ?? [],
      );
      for (const other of [...(batch.stored.get(key)?.neighbours ?? []), ...holders]) {
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return closure;
}

/**
 * The records of the closure as they are once the batch is applied, for
 * resolve(): observed records hold the observed identifiers, and every
 * identifier lists the records of the set that hold it. Also returns the
 * identifiers the batch creates or blocks: a new link to a value on the block
 * list blocks it (reason `block-list`).
 */
function statesAfter(
  closure: string[],
  batch: Batch,
  isBlockListed: (identifier: NormalizedIdentifier) => boolean,
): { states: Map<string, RecordState>; identifiers: Map<string, IdentifierWrite> } {
  const writes = new Map<string, IdentifierWrite>();
  // Whether each identifier of the set is blocked; an identifier missing here is not in the graph yet.
  const blocked = new Map<string, boolean>();
  for (const [key, known] of batch.known) blocked.set(key, known.blocked);
  for (const key of closure) for (const i of batch.stored.get(key)?.identifiers ?? []) blocked.set(idKey(i), i.blocked);

  const identifiersOf = new Map<string, NormalizedIdentifier[]>();
  for (const key of closure) {
    const observed = batch.applied.get(key);
    const before = batch.stored.get(key);
    if (!observed && !before) continue;
    identifiersOf.set(key, observed?.identifiers ?? before!.identifiers);
    // A new link: its identifier is created if the graph does not hold it yet, and blocked at once
    // if the block list names it (as is an identifier the graph holds unblocked).
    const had = new Set(before?.identifiers.map(idKey));
    for (const i of observed?.identifiers ?? []) {
      const k = idKey(i);
      if (had.has(k) || blocked.get(k) === true) continue;
      const isNew = !blocked.has(k);
      const listed = isBlockListed(i);
      if (!isNew && !listed) continue;
      blocked.set(k, listed);
      writes.set(k, { kind: i.kind, value: i.value, blockedReason: listed ? 'block-list' : null });
    }
  }

  const holders = new Map<string, string[]>();
  for (const [key, identifiers] of identifiersOf) {
    for (const i of identifiers) {
      const k = idKey(i);
      if (blocked.get(k)) continue;
      const list = holders.get(k) ?? [];
      list.push(key);
      holders.set(k, list);
    }
  }
  const states = new Map<string, RecordState>();
  for (const [key, identifiers] of identifiersOf) {
    const before = batch.stored.get(key);
    const observed = batch.applied.get(key);
    states.set(key, {
      key,
      customerId: before?.customerId ?? null,
      customerCreatedAt: before?.customerCreatedAt ?? null,
      pinned: before?.pinned ?? false,
      nameKey: observed ? observed.nameKey : (before?.nameKey ?? null),
      identifiers: identifiers.map(({ kind, value }) => {
        const k = idKey({ kind, value });
        const isBlocked = blocked.get(k)!;
        return { kind, value, blocked: isBlocked, others: isBlocked ? [] : holders.get(k)!.filter((o) => o !== key) };
      }),
      sameAs: before?.sameAs ?? [],
    });
  }
  return { states, identifiers: writes };
}

/**
 * Decides which identifiers to block now: seen on more records than their
 * kind allows (a family email, a shop's own phone) or with more different
 * names (a shared mailbox). Marks them blocked in `states`, so that the
 * clusters they joined are re-resolved without them, and returns them.
 */
function blockOverused(
  states: Map<string, RecordState>,
  rules: ResolutionRules,
): { kind: IdentifierKind; value: string; reason: string }[] {
  const holders = new Map<string, { kind: IdentifierKind; value: string; records: RecordState[] }>();
  for (const state of states.values()) {
    for (const idf of state.identifiers) {
      if (idf.blocked) continue;
      const key = idKey(idf);
      const entry = holders.get(key) ?? { kind: idf.kind, value: idf.value, records: [] };
      entry.records.push(state);
      holders.set(key, entry);
    }
  }
  const blocked: { kind: IdentifierKind; value: string; reason: string }[] = [];
  for (const [key, { kind, value, records }] of holders) {
    const rule = rules.kinds[kind];
    const names = new Set(records.map((r) => r.nameKey).filter((n) => n));
    const reason =
      records.length > rule.maxRecords ? 'too-many-records' : names.size > rule.maxNames ? 'too-many-names' : null;
    if (!reason) continue;
    blocked.push({ kind, value, reason });
    for (const r of records) {
      for (const idf of r.identifiers) if (idKey(idf) === key) idf.blocked = true;
    }
  }
  return blocked;
}

/** Identifiers to create (the batch's were claimed already: this only covers other callers). */
const CREATE_IDENTIFIERS = 'UNWIND $identifiers AS idf MERGE (:Identifier {kind: idf.kind, value: idf.value})';

/** Identifiers the guards stop from now on, new or not. */
const BLOCK_IDENTIFIERS = `
  UNWIND $identifiers AS idf
  MERGE (i:Identifier {kind: idf.kind, value: idf.value})
  SET i.blocked = true, i.blockedReason = idf.blockedReason, i.blockedAt = datetime()`;

const CREATE_CUSTOMERS = 'UNWIND $ids AS id CREATE (:Customer {id: id, createdAt: datetime()})';

/**
 * New records (claimed bare by this transaction) with their customer, its
 * audit event and their identifier links, in one pass. CREATE for the
 * links, not MERGE: the records are new, and MERGE on relationships costs a
 * locked expand per row.
 */
const CREATE_RECORDS = `
  UNWIND $records AS rec
  MATCH (c:Customer {id: rec.customerId})
  MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})
  WITH rec, c, r, datetime(rec.observedAt) AS observedAt
  SET r.nameKey = rec.nameKey, r.firstObservedAt = observedAt, r.lastObservedAt = observedAt
  CREATE (r)-[:BELONGS_TO {rule: rec.rule, source: rec.system, confidence: 1.0, at: datetime(), actor: $actor}]->(c)
  CREATE (:IdentityEvent {type: 'assign', at: datetime(), system: rec.system, localId: rec.localId,
          customerId: rec.customerId, rule: rec.rule, actor: $actor, reason: $reason})
  WITH r, rec, observedAt
  UNWIND rec.identifiers AS idf
  MATCH (i:Identifier {kind: idf.kind, value: idf.value})
  CREATE (r)-[:HAS {source: rec.system, at: observedAt, since: datetime()}]->(i)`;

/** Observed records the graph holds: links to identifiers they no longer hold go (the removal kept for point-in-time answers), new ones come. */
const UPDATE_RECORDS = `
  UNWIND $records AS rec
  MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})
  WITH r, rec, datetime(rec.observedAt) AS observedAt
  SET r.lastObservedAt = observedAt, r.nameKey = rec.nameKey
  WITH r, rec, observedAt
  CALL {
    WITH r, rec
    UNWIND rec.removed AS idf
    MATCH (r)-[h:HAS]->(:Identifier {kind: idf.kind, value: idf.value})
    CREATE (:IdentityEvent {type: 'identifier-removed', at: datetime(), system: r.system, localId: r.localId,
            kind: idf.kind, value: idf.value, since: coalesce(h.since, h.at)})
    DELETE h
  }
  CALL {
    WITH r, rec, observedAt
    UNWIND rec.added AS idf
    MATCH (i:Identifier {kind: idf.kind, value: idf.value})
    CREATE (r)-[:HAS {source: rec.system, at: observedAt, since: datetime()}]->(i)
  }`;

/** Records the graph held that change customer. */
const ASSIGN_RECORDS = `
  UNWIND $changes AS ch
  MATCH (r:SourceRecord {system: ch.system, localId: ch.localId})
  MATCH (c:Customer {id: ch.customerId})
  OPTIONAL MATCH (r)-[old:BELONGS_TO]->(:Customer)
  DELETE old
  WITH DISTINCT r, c, ch
  CREATE (r)-[:BELONGS_TO {rule: ch.rule, source: r.system, confidence: 1.0, at: datetime(), actor: $actor}]->(c)
  CREATE (:IdentityEvent {type: 'assign', at: datetime(), system: r.system, localId: r.localId,
          customerId: ch.customerId, previousCustomerId: ch.previous, rule: ch.rule, actor: $actor, reason: $reason})`;

const REDIRECT_CUSTOMERS = `
  UNWIND $merges AS m
  MATCH (loser:Customer {id: m.from}), (survivor:Customer {id: m.into})
  MERGE (loser)-[link:MERGED_INTO]->(survivor)
    ON CREATE SET link.at = datetime(), link.actor = $actor
  SET loser.mergedAt = datetime()
  CREATE (:IdentityEvent {type: 'merge', at: datetime(), customerId: m.into, mergedCustomerId: m.from,
          actor: $actor, reason: $reason})`;

/**
 * Writes a batch and its resolution. The statements are sent together
 * without waiting for each answer: the server still runs them in order in
 * the transaction, but the batch pays one round trip instead of one per
 * statement (with the driver's small socket writes, each statement with
 * large parameters waits about 40 ms on the network when sent alone).
 */
async function writeResolution(
  tx: ManagedTransaction,
  {
    identifiers,
    batch,
    resolution,
    actor,
  }: {
    identifiers: IdentifierWrite[];
    batch: Batch;
    resolution: Resolution;
    actor: Actor;
  },
): Promise<void> {
  const by = { actor: actor.name, reason: actor.reason ?? null };
  const change = new Map(resolution.changes.map((c) => [c.key, c]));
  const created = new Set(batch.created.map((r) => r.key));
  const statements: [string, Record<string, unknown>][] = [];
  const newIdentifiers = identifiers.filter((i) => !i.blockedReason).map(({ kind, value }) => ({ kind, value }));
  const blocked = identifiers.filter((i) => i.blockedReason);
  if (newIdentifiers.length > 0) statements.push([CREATE_IDENTIFIERS, { identifiers: newIdentifiers }]);
  if (blocked.length > 0) statements.push([BLOCK_IDENTIFIERS, { identifiers: blocked }]);
  if (resolution.newCustomers.length > 0) statements.push([CREATE_CUSTOMERS, { ids: resolution.newCustomers }]);
  if (batch.created.length > 0) {
    const records = batch.created.map((r) => ({
      system: r.system,
      localId: r.localId,
      observedAt: r.observedAt,
      nameKey: r.nameKey,
      identifiers: r.identifiers,
      customerId: change.get(r.key)!.customerId,
      rule: change.get(r.key)!.rule,
    }));
    statements.push([CREATE_RECORDS, { records, ...by }]);
  }
  if (batch.updated.length > 0) {
    const records = batch.updated.map((u) => ({
      system: u.system,
      localId: u.localId,
      observedAt: u.observedAt,
      nameKey: u.nameKey,
      added: u.added,
      removed: u.removed,
    }));
    statements.push([UPDATE_RECORDS, { records }]);
  }
  const reassigned = resolution.changes
    .filter((c) => !created.has(c.key))
    .map((c) => {
      const [system, localId] = tupleOf(c.key);
      return { system, localId, customerId: c.customerId, previous: c.previous, rule: c.rule };
    });
  if (reassigned.length > 0) statements.push([ASSIGN_RECORDS, { changes: reassigned, ...by }]);
  if (resolution.merges.length > 0) statements.push([REDIRECT_CUSTOMERS, { merges: resolution.merges, ...by }]);
  await Promise.all(statements.map(([query, params]) => tx.run(query, params)));
}

/**
 * What the caches may hold wrongly after a write: the customers that gained
 * or lost records or whose records' identifiers changed, and the identifiers
 * of records that changed customer, that were linked or unlinked, or blocked.
 */
function touchedBy(
  batch: Batch,
  states: Map<string, RecordState>,
  resolution: Resolution,
  written: Map<string, IdentifierWrite>,
): { customers: string[]; identifiers: string[] } {
  const customers = new Set<string>();
  const identifiers = new Set<string>(written.keys());
  for (const change of resolution.changes) {
    customers.add(change.customerId);
    if (change.previous) customers.add(change.previous);
    for (const i of states.get(change.key)?.identifiers ?? []) identifiers.add(idKey(i));
  }
  for (const { from, into } of resolution.merges) customers.add(from).add(into);
  const relinked = (key: string, linked: NormalizedIdentifier[]) => {
    const now = resolution.assignment.get(key);
    const before = batch.stored.get(key)?.customerId;
    if (now) customers.add(now);
    if (before) customers.add(before);
    for (const i of linked) identifiers.add(idKey(i));
  };
  for (const rec of batch.created) relinked(rec.key, rec.identifiers);
  for (const rec of batch.updated) {
    if (rec.added.length + rec.removed.length > 0) relinked(rec.key, [...rec.added, ...rec.removed]);
  }
  return { customers: [...customers], identifiers: [...identifiers] };
}

/**
 * resolve() over new records that are their own closure: no record the graph
 * holds shares an identifier with them that links (`known` lists those of
 * their identifiers the graph holds, blocked or held by no record). What the
 * slow path would decide over them; used by the fast path for a page's
 * records that resolve alone and by the bulk load (bulk-load.ts) for a whole
 * first load. Also returns the identifiers to create or block.
 */
export function resolveClosedSet(
  records: IncomingRecord[],
  known: Map<string, KnownIdentifier>,
  rules: ResolutionRules,
  isBlockListed: (identifier: NormalizedIdentifier) => boolean,
  newId: () => string = randomUUID,
  /** Explicit links between the records (the bulk load's probabilistic matches), both ways. */
  sameAs?: Map<string, { other: string; rule: string }[]>,
): {
  batch: Batch;
  states: Map<string, RecordState>;
  identifiers: Map<string, IdentifierWrite>;
  resolution: Resolution;
} {
  const batch: Batch = {
    stored: new Map(),
    known,
    applied: new Map(records.map((r) => [r.key, r])),
    created: records,
    updated: [],
  };
  const { states, identifiers } = statesAfter(
    records.map((r) => r.key),
    batch,
    isBlockListed,
  );
  for (const { kind, value, reason } of blockOverused(states, rules)) {
    identifiers.set(idKey({ kind, value }), { kind, value, blockedReason: reason });
  }
  if (sameAs) for (const [key, links] of sameAs) states.get(key)?.sameAs.push(...links);
  return { batch, states, identifiers, resolution: resolve(states, rules, newId) };
}

/** What the fast path decided and wrote: the records it settled, and what observe() returns for them. */
interface FastOutcome extends WriteOutcome {
  settled: Set<string>;
}

/**
 * The common case of a page, decided from what the claim read (see
 * docs/identity-graph.md, "Fast path"): the page's new records, grouped by
 * the identifiers they share in the page, where a group's identifiers that
 * link are either held by no record yet (the group resolves alone: resolve()
 * over the group is what the slow path would run, since its closure is the
 * group) or held only by records of one customer, with no guard, per-kind
 * limit or weak kind involved (the group joins that customer, as resolve()
 * over the customer's records and the group would decide). Every other group
 * (two customers or more, a pinned or unassigned holder, a guard reached, an
 * identifier the page also updates) is left to the slow path, which then
 * reads the graph with the fast records written.
 *
 * Why what it read stays true until commit: the claim locked the group's
 * identifiers, so their holders cannot change; the customers a group joins
 * are locked here, and their records read under the lock, so a holder moved
 * away meanwhile sends the group to the slow path.
 */
async function fastPath(
  tx: ManagedTransaction,
  locks: WriteLocks,
  created: IncomingRecord[],
  claimed: Claimed,
  /** Identifiers of the page's other records (updated, old and new): groups touching them go slow. */
  busy: Set<string>,
  rules: ResolutionRules,
  isBlockListed: (identifier: NormalizedIdentifier) => boolean,
  actor: Actor,
): Promise<FastOutcome> {
  const none: FastOutcome = { settled: new Set(), assignment: new Map(), customers: [], identifiers: [] };
  if (created.length === 0) return none;
  // Groups of new records sharing an identifier that links (union-find over the page).
  const parent = new Map<string, string>(created.map((r) => [r.key, r.key]));
  const find = (k: string): string => {
    while (parent.get(k) !== k) {
      parent.set(k, parent.get(parent.get(k)!)!);
      k = parent.get(k)!;
    }
    return k;
  };
  const firstHolder = new Map<string, string>();
  for (const rec of created) {
    for (const i of rec.identifiers) {
      const k = idKey(i);
      if (!claimed.has(k)) continue;
      const other = firstHolder.get(k);
      if (other) parent.set(find(rec.key), find(other));
      else firstHolder.set(k, rec.key);
    }
  }
  const groups = new Map<string, IncomingRecord[]>();
  for (const rec of created) {
    const root = find(rec.key);
    groups.set(root, [...(groups.get(root) ?? []), rec]);
  }

  const alone: IncomingRecord[] = [];
  const joining: {
    records: IncomingRecord[];
    customerId: string;
    holders: Set<string>;
    values: NormalizedIdentifier[];
  }[] = [];
  for (const records of groups.values()) {
    const linking = new Map<string, NormalizedIdentifier>();
    for (const r of records) for (const i of r.identifiers) if (claimed.has(idKey(i))) linking.set(idKey(i), i);
    // A value the block list names but the graph holds unblocked is blocked by the slow path.
    if ([...linking.values()].some((i) => isBlockListed(i) || busy.has(idKey(i)))) continue;
    const held = [...linking.keys()].flatMap((k) => claimed.get(k)!);
    if (held.length === 0) {
      alone.push(...records);
      continue;
    }
    const customers = new Set(held.map((h) => h.customerId));
    if (customers.size !== 1 || held.some((h) => h.pinned || h.customerId === null)) continue;
    // The guards (blockOverused) and the kinds' link rules: any of them in play, the slow path decides.
    const withinGuards = [...linking].every(([k, i]) => {
      const rule = rules.kinds[i.kind];
      if (!rule.links || rule.weak) return false;
      const holders = [
        ...claimed.get(k)!.map((h) => h.nameKey),
        ...records.filter((r) => r.identifiers.some((x) => idKey(x) === k)).map((r) => r.nameKey),
      ];
      return holders.length <= rule.maxRecords && new Set(holders.filter((n) => n)).size <= rule.maxNames;
    });
    if (!withinGuards) continue;
    joining.push({
      records,
      customerId: [...customers][0]!,
      holders: new Set(held.map((h) => h.key)),
      values: [...linking.values()],
    });
  }

  // The customers joined, locked and read: each group's holders must still be theirs, and the customer with
  // the group must hold no more values of a kind than allowed (resolve()'s too-many-values refusal).
  const current = await locks.customersWithValues(joining.map((j) => j.customerId));
  const byCustomer = new Map<string, typeof joining>();
  for (const j of joining) byCustomer.set(j.customerId, [...(byCustomer.get(j.customerId) ?? []), j]);
  const joined: typeof joining = [];
  for (const [customerId, js] of byCustomer) {
    const c = current.get(customerId);
    if (!c || js.some((j) => [...j.holders].some((h) => !c.records.has(h)))) continue;
    const values = new Map<string, Set<string>>();
    for (const i of [...c.values, ...js.flatMap((j) => j.values)]) {
      values.set(i.kind, (values.get(i.kind) ?? new Set()).add(i.value));
    }
    if ([...values].some(([kind, v]) => v.size > rules.kinds[kind as IdentifierKind].maxPerCustomer)) continue;
    joined.push(...js);
  }

  // The records resolving alone: exactly the slow path's decision over their closure, which is themselves.
  const known = new Map<string, KnownIdentifier>();
  for (const r of alone) {
    for (const i of r.identifiers) known.set(idKey(i), { blocked: !claimed.has(idKey(i)), holders: [] });
  }
  const { batch, states, identifiers, resolution } = resolveClosedSet(alone, known, rules, isBlockListed);
  // The records joining a customer: the rule resolve() gives a record joining a cluster of several.
  for (const j of joined) {
    for (const r of j.records) {
      resolution.assignment.set(r.key, j.customerId);
      resolution.changes.push({ key: r.key, customerId: j.customerId, previous: null, rule: RULES.sharedIdentifier });
      batch.applied.set(r.key, r);
      batch.created.push(r);
      states.set(r.key, {
        key: r.key,
        customerId: null,
        customerCreatedAt: null,
        pinned: false,
        nameKey: r.nameKey,
        identifiers: r.identifiers.map((i) => ({ ...i, blocked: !claimed.has(idKey(i)), others: [] })),
        sameAs: [],
      });
    }
  }
  if (batch.created.length === 0) return none;
  await writeResolution(tx, { identifiers: [...identifiers.values()], batch, resolution, actor });
  return {
    settled: new Set(batch.created.map((r) => r.key)),
    assignment: resolution.assignment,
    ...touchedBy(batch, states, resolution, identifiers),
  };
}
