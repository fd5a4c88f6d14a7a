import { randomUUID } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Cache } from '../../shared/src/cache';
import type { Logger } from '../../shared/src/logger';
import type { IdentifierKind, NormalizedIdentifier } from './normalize';
import { resolve, RULES, type RecordState } from './resolve';
import { blockListMatcher, DEFAULT_RULES, type ResolutionRules } from './rules';

/** One source record as a source system holds it now, identifiers already normalised. */
export interface Observation {
  system: string;
  localId: string;
  identifiers: NormalizedIdentifier[];
  /** ISO-8601 time the source last changed the record. */
  observedAt: string;
  /** Match key of the name on the record (see nameKey), used to spot identifiers shared by many people. */
  nameKey?: string | null;
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
  /** Linking rules and guards. @default DEFAULT_RULES */
  rules?: ResolutionRules;
}

const SYSTEM_ACTOR: Actor = { name: 'observation-feed' };
const keyOf = (system: string, localId: string) => `${system}\u0000${localId}`;
const tupleOf = (key: string) => key.split('\u0000') as [string, string];
const customerKey = (id: string) => `identity:customer:${id}`;
const identifierKey = (kind: string, value: string) => `identity:identifier:${kind}|${value}`;

/**
 * The identity graph in Neo4j: stores only identifiers, source record keys and
 * links, and decides which records are one customer (see resolve.ts for the
 * rules). Every write runs in one transaction that first locks the resolution
 * lock node, so replicas never resolve overlapping clusters at once; the
 * driver retries it on transient errors (deadlocks, leader changes).
 */
export class IdentityGraph {
  readonly rules: ResolutionRules;
  private readonly ttl: number;
  private readonly isBlockListed: (identifier: NormalizedIdentifier) => boolean;
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly driver: Driver,
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly options: IdentityGraphOptions = {},
  ) {
    this.ttl = options.cacheTtlSeconds ?? 300;
    this.rules = options.rules ?? DEFAULT_RULES;
    this.isBlockListed = blockListMatcher(this.rules);
  }

  /**
   * Ingests observations and re-resolves the affected clusters. Replaying the
   * same observations changes nothing. Returns record key → customer id.
   */
  async observe(observations: Observation[], actor: Actor = SYSTEM_ACTOR): Promise<Map<string, string>> {
    // The latest observation of a record wins within a batch, as it does across batches.
    const latest = new Map<string, Observation>();
    for (const obs of observations) {
      const key = keyOf(obs.system, obs.localId);
      const seen = latest.get(key);
      if (!seen || Date.parse(seen.observedAt) <= Date.parse(obs.observedAt)) latest.set(key, obs);
    }
    if (latest.size === 0) return new Map();
    const records: UpsertRecord[] = [...latest.values()].map((o) => ({
      system: o.system,
      localId: o.localId,
      observedAt: o.observedAt,
      nameKey: o.nameKey ?? null,
      // A source may hold one value twice (the same email as personal and work): one link.
      identifiers: [...new Map(o.identifiers.map((i) => [`${i.kind}|${i.value}`, i])).values()].map((i) => ({
        kind: i.kind,
        value: i.value,
        blocked: this.isBlockListed(i),
      })),
    }));
    const assignment = await this.write(async (tx) => {
      const timings: Record<string, number> = {};
      const started = performance.now();
      const removed = await upsertRecords(tx, records);
      timings.upsert = Math.round(performance.now() - started);
      const resolution = await this.resolveAround(tx, [...latest.keys()], actor, timings);
      this.logger.debug({ records: records.length, timings }, 'observations ingested');
      return { ...resolution, identifiers: [...resolution.identifiers, ...removed] };
    });
    const result = new Map<string, string>();
    for (const key of latest.keys()) result.set(key, assignment.assignment.get(key)!);
    return result;
  }

  /**
   * Merges customers by hand: links one record of each with an explicit
   * SAME_AS link (rule `manual`), which no guard undoes. Returns the survivor:
   * the customer holding most records. Throws when an id is unknown.
   */
  async mergeCustomers(ids: string[], actor: Actor): Promise<string> {
    let anchor = '';
    const { assignment } = await this.write(async (tx) => {
      const found = await tx.run(
        `UNWIND $ids AS asked
         MATCH (c0:Customer {id: asked})
         OPTIONAL MATCH (c0)-[:MERGED_INTO*1..20]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->()
         WITH asked, coalesce(s, c0) AS c
         MATCH (r:SourceRecord)-[:BELONGS_TO]->(c)
         WITH asked, c, r ORDER BY r.system, r.localId
         RETURN asked, c.id AS id, collect([r.system, r.localId])[0] AS representative`,
        { ids },
      );
      const missing = ids.filter((id) => !found.records.some((r) => r.get('asked') === id));
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
    const { assignment } = await this.write(async (tx) => {
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
      if (found.records[0]?.get('n') === 0)
        return { assignment: new Map<string, string>(), customers: [], identifiers: [] };
      return this.resolveAround(tx, [keyOf(system, localId)], actor);
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
        `UNWIND $ids AS requested
         MATCH (asked:Customer {id: requested})
         OPTIONAL MATCH (asked)-[:MERGED_INTO*1..20]->(survivor:Customer) WHERE NOT (survivor)-[:MERGED_INTO]->()
         WITH requested, coalesce(survivor, asked) AS c
         OPTIONAL MATCH (r:SourceRecord)-[:BELONGS_TO]->(c)
         OPTIONAL MATCH (r)-[:HAS]->(i:Identifier)
         RETURN requested, c.id AS id,
                collect(DISTINCT {system: r.system, localId: r.localId}) AS records,
                collect(DISTINCT {kind: i.kind, value: i.value}) AS identifiers`,
        { ids: missing },
      );
      for (const row of rows) {
        const sourceRecords = (row.records as SourceRecordKey[])
          .filter((r) => r.system !== null)
          .sort((a, b) => a.system.localeCompare(b.system) || a.localId.localeCompare(b.localId));
        const identifiers = (row.identifiers as { kind: IdentifierKind; value: string }[])
          .filter((i) => i.kind !== null)
          .sort((a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));
        const customer = sourceRecords.length === 0 ? null : { id: row.id as string, identifiers, sourceRecords };
        found.set(row.requested as string, customer);
        if (customer) await this.cache.set(customerKey(row.requested as string), JSON.stringify(customer), this.ttl);
      }
    }
    return ids.map((id) => found.get(id) ?? null);
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
                null AS actor, null AS reason
         UNION
         WITH r, records
         MATCH (r)-[l:SAME_AS]->(o:SourceRecord) WHERE o IN records
         RETURN [r.system, r.localId] AS from, [o.system, o.localId] AS to, l.rule AS rule, null AS kind, null AS value,
                l.confidence AS confidence, coalesce(l.actor, l.rule) AS source, toString(l.at) AS at,
                l.actor AS actor, l.reason AS reason
       }
       RETURN from, to, rule, kind, value, confidence, source, at, actor, reason
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
      };
    });
  }

  /** The audit trail of a customer: assignments, merges, links and unlinks, oldest first. */
  async history(customerId: string): Promise<IdentityEvent[]> {
    // Events naming the customer, and events about the records it holds now (e.g. a manual link made
    // while a record still belonged to a customer merged away since).
    const rows = await this.read(
      `MATCH (e:IdentityEvent)
       WHERE e.customerId = $id OR e.previousCustomerId = $id OR e.mergedCustomerId = $id
       RETURN e
       UNION
       MATCH (:Customer {id: $id})<-[:BELONGS_TO]-(r:SourceRecord)
       MATCH (e:IdentityEvent {system: r.system, localId: r.localId})
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
         MATCH (e:IdentityEvent {type: 'identifier-removed', kind: i.kind, value: i.value})
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

  async saveFeedCursor(source: string, cursor: string): Promise<void> {
    const session = this.driver.session({ database: this.options.database });
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
    ]);
  }

  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok', {});
  }

  /**
   * Runs a resolving write: serialised in this process, and across processes
   * by the lock node taken first in the transaction; caches of everything it
   * touched are dropped after commit.
   */
  private write<T extends { customers: string[]; identifiers: string[] }>(
    work: (tx: ManagedTransaction) => Promise<T>,
  ): Promise<T> {
    const run = this.writeQueue.then(async () => {
      const session = this.driver.session({ database: this.options.database });
      try {
        const result = await session.executeWrite(async (tx) => {
          // MERGE, not MATCH: a graph wiped without its migrations must still lock, not skip the lock.
          await tx.run(`MERGE (l:ResolutionLock {id: 'global'}) SET l.lockedAt = timestamp()`);
          return work(tx);
        });
        await this.cache.delete([
          ...result.customers.map(customerKey),
          ...result.identifiers.map((k) => `identity:identifier:${k}`),
        ]);
        return result;
      } finally {
        await session.close();
      }
    });
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Re-resolves the clusters around the given records, and writes what changed. */
  private async resolveAround(
    tx: ManagedTransaction,
    startKeys: string[],
    actor: Actor,
    timings: Record<string, number> = {},
  ) {
    let started = performance.now();
    const lap = (phase: string) => {
      timings[phase] = Math.round(performance.now() - started);
      started = performance.now();
    };
    const states = await gatherStates(tx, startKeys);
    lap('gather');
    const blocked = blockOverused(states, this.rules);
    if (blocked.length > 0) {
      await tx.run(
        `UNWIND $blocked AS b
         MATCH (i:Identifier {kind: b.kind, value: b.value})
         SET i.blocked = true, i.blockedReason = b.reason, i.blockedAt = datetime()`,
        { blocked },
      );
    }
    const resolution = resolve(states, this.rules, randomUUID);
    lap('decide');
    if (resolution.refused.length > 0) {
      this.logger.debug(
        { refused: resolution.refused.slice(0, 20), count: resolution.refused.length },
        'links refused by guards',
      );
    }
    if (resolution.newCustomers.length > 0) {
      await tx.run('UNWIND $ids AS id CREATE (:Customer {id: id, createdAt: datetime()})', {
        ids: resolution.newCustomers,
      });
    }
    if (resolution.changes.length > 0) {
      await tx.run(
        `UNWIND $changes AS ch
         MATCH (r:SourceRecord {system: ch.system, localId: ch.localId})
         MATCH (c:Customer {id: ch.customerId})
         WITH r, c, ch
         OPTIONAL MATCH (r)-[old:BELONGS_TO]->(:Customer)
         DELETE old
         WITH DISTINCT r, c, ch
         CREATE (r)-[:BELONGS_TO {rule: ch.rule, source: r.system, confidence: 1.0, at: datetime(), actor: $actor}]->(c)
         CREATE (:IdentityEvent {type: 'assign', at: datetime(), system: r.system, localId: r.localId,
                 customerId: ch.customerId, previousCustomerId: ch.previous, rule: ch.rule, actor: $actor, reason: $reason})`,
        {
          changes: resolution.changes.map((c) => {
            const [system, localId] = tupleOf(c.key);
            return { system, localId, customerId: c.customerId, previous: c.previous, rule: c.rule };
          }),
          actor: actor.name,
          reason: actor.reason ?? null,
        },
      );
    }
    if (resolution.merges.length > 0) {
      await tx.run(
        `UNWIND $merges AS m
         MATCH (loser:Customer {id: m.from}), (survivor:Customer {id: m.into})
         MERGE (loser)-[link:MERGED_INTO]->(survivor)
           ON CREATE SET link.at = datetime(), link.actor = $actor
         SET loser.mergedAt = datetime()
         CREATE (:IdentityEvent {type: 'merge', at: datetime(), customerId: m.into, mergedCustomerId: m.from,
                 actor: $actor, reason: $reason})`,
        { merges: resolution.merges, actor: actor.name, reason: actor.reason ?? null },
      );
    }
    lap('write');
    const identifiers = new Set<string>();
    for (const s of states.values()) for (const i of s.identifiers) identifiers.add(`${i.kind}|${i.value}`);
    const customers = new Set<string>(resolution.assignment.values());
    for (const s of states.values()) if (s.customerId) customers.add(s.customerId);
    return { assignment: resolution.assignment, customers: [...customers], identifiers: [...identifiers] };
  }

  private async read(query: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(query, params));
      return result.records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  }
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

interface UpsertRecord {
  system: string;
  localId: string;
  observedAt: string;
  nameKey: string | null;
  identifiers: { kind: string; value: string; blocked: boolean }[];
}

/**
 * Creates or updates records and their identifiers. An observation is the
 * record's full current set of identifiers, so links to identifiers it no
 * longer holds are removed (and the removal kept for point-in-time answers);
 * an observation older than the one already applied is ignored, which makes
 * out-of-order and replayed feeds harmless. Returns the removed identifier keys.
 *
 * Reads first, then writes only the difference with CREATE: MERGE on
 * relationships costs a locked expand per row, and the resolution lock already
 * keeps concurrent writers out (the uniqueness constraints stay the backstop).
 */
async function upsertRecords(tx: ManagedTransaction, records: UpsertRecord[]): Promise<string[]> {
  const existing = await tx.run(
    `UNWIND $keys AS k
     MATCH (r:SourceRecord {system: k[0], localId: k[1]})
     RETURN k, r.lastObservedAt.epochMillis AS lastObservedAt, r.nameKey AS nameKey,
            [(r)-[:HAS]->(i:Identifier) | i.kind + '|' + i.value] AS current`,
    { keys: records.map((r) => [r.system, r.localId]) },
  );
  const known = new Map(
    existing.records.map((row) => {
      const [system, localId] = row.get('k') as [string, string];
      return [
        keyOf(system, localId),
        {
          lastObservedAt: row.get('lastObservedAt') as number | null,
          nameKey: row.get('nameKey') as string | null,
          current: new Set(row.get('current') as string[]),
        },
      ];
    }),
  );
  const created: UpsertRecord[] = [];
  const updated: UpsertRecord[] = [];
  const stale: { system: string; localId: string; kind: string; value: string }[] = [];
  const links: { system: string; localId: string; kind: string; value: string; observedAt: string }[] = [];
  for (const rec of records) {
    const before = known.get(keyOf(rec.system, rec.localId));
    const observedAt = Date.parse(rec.observedAt);
    if (before && before.lastObservedAt !== null && before.lastObservedAt > observedAt) continue;
    const now = new Set(rec.identifiers.map((i) => `${i.kind}|${i.value}`));
    if (!before) created.push(rec);
    else if (before.lastObservedAt !== observedAt || before.nameKey !== rec.nameKey) updated.push(rec);
    for (const idf of rec.identifiers) {
      if (!before?.current.has(`${idf.kind}|${idf.value}`)) links.push({ ...rec, kind: idf.kind, value: idf.value });
    }
    for (const key of before?.current ?? []) {
      if (!now.has(key)) {
        const [kind, value] = key.split('|') as [string, string];
        stale.push({ system: rec.system, localId: rec.localId, kind, value });
      }
    }
  }
  if (created.length > 0) {
    await tx.run(
      `UNWIND $records AS rec
       CREATE (:SourceRecord {system: rec.system, localId: rec.localId, nameKey: rec.nameKey,
               firstObservedAt: datetime(rec.observedAt), lastObservedAt: datetime(rec.observedAt)})`,
      { records: created },
    );
  }
  if (updated.length > 0) {
    await tx.run(
      `UNWIND $records AS rec
       MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})
       SET r.lastObservedAt = datetime(rec.observedAt), r.nameKey = rec.nameKey`,
      { records: updated },
    );
  }
  if (stale.length > 0) {
    await tx.run(
      `UNWIND $stale AS s
       MATCH (r:SourceRecord {system: s.system, localId: s.localId})-[h:HAS]->(:Identifier {kind: s.kind, value: s.value})
       CREATE (:IdentityEvent {type: 'identifier-removed', at: datetime(), system: s.system, localId: s.localId,
               kind: s.kind, value: s.value, since: coalesce(h.since, h.at)})
       DELETE h`,
      { stale },
    );
  }
  if (links.length > 0) {
    const identifiers = new Map<string, { kind: string; value: string; blocked: boolean }>();
    for (const rec of records) for (const i of rec.identifiers) identifiers.set(`${i.kind}|${i.value}`, i);
    await tx.run(
      `UNWIND $identifiers AS idf
       MERGE (i:Identifier {kind: idf.kind, value: idf.value})
       FOREACH (_ IN CASE WHEN idf.blocked AND NOT coalesce(i.blocked, false) THEN [1] ELSE [] END |
         SET i.blocked = true, i.blockedReason = 'block-list', i.blockedAt = datetime())`,
      { identifiers: [...new Set(links.map((l) => `${l.kind}|${l.value}`))].map((k) => identifiers.get(k)!) },
    );
    await tx.run(
      `UNWIND $links AS l
       MATCH (r:SourceRecord {system: l.system, localId: l.localId})
       MATCH (i:Identifier {kind: l.kind, value: l.value})
       CREATE (r)-[:HAS {source: l.system, at: datetime(l.observedAt), since: datetime()}]->(i)`,
      { links },
    );
  }
  return stale.map((s) => `${s.kind}|${s.value}`);
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
): { kind: string; value: string; reason: string }[] {
  const holders = new Map<string, { kind: IdentifierKind; value: string; records: RecordState[] }>();
  for (const state of states.values()) {
    for (const idf of state.identifiers) {
      if (idf.blocked) continue;
      const key = `${idf.kind}|${idf.value}`;
      const entry = holders.get(key) ?? { kind: idf.kind, value: idf.value, records: [] };
      entry.records.push(state);
      holders.set(key, entry);
    }
  }
  const blocked: { kind: string; value: string; reason: string }[] = [];
  for (const [key, { kind, value, records }] of holders) {
    const rule = rules.kinds[kind];
    const names = new Set(records.map((r) => r.nameKey).filter((n) => n));
    const reason =
      records.length > rule.maxRecords ? 'too-many-records' : names.size > rule.maxNames ? 'too-many-names' : null;
    if (!reason) continue;
    blocked.push({ kind, value, reason });
    for (const r of records) {
      for (const idf of r.identifiers) if (`${idf.kind}|${idf.value}` === key) idf.blocked = true;
    }
  }
  return blocked;
}

/**
 * Loads the records around the start records until the set is closed: every
 * record sharing a linking identifier, an explicit link or a customer with a
 * record in the set is in it. Blocked identifiers are not followed, so a
 * value on thousands of records costs nothing.
 */
async function gatherStates(tx: ManagedTransaction, startKeys: string[]): Promise<Map<string, RecordState>> {
  const states = new Map<string, RecordState>();
  const seen = new Set(startKeys);
  let frontier = [...seen];
  while (frontier.length > 0) {
    const result = await tx.run(
      `UNWIND $keys AS k
       MATCH (r:SourceRecord {system: k[0], localId: k[1]})
       OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
       RETURN k, c.id AS customerId, toString(c.createdAt) AS createdAt, coalesce(r.pinned, false) AS pinned,
              r.nameKey AS nameKey,
              [(r)-[:HAS]->(i:Identifier) | {kind: i.kind, value: i.value, blocked: coalesce(i.blocked, false),
                 others: CASE WHEN coalesce(i.blocked, false) THEN []
                         ELSE [(i)<-[:HAS]-(o:SourceRecord) WHERE o <> r | [o.system, o.localId]] END}] AS identifiers,
              [(r)-[l:SAME_AS]-(o:SourceRecord) | {other: [o.system, o.localId], rule: l.rule}] AS sameAs,
              CASE WHEN c IS NULL THEN [] ELSE [(c)<-[:BELONGS_TO]-(m:SourceRecord) | [m.system, m.localId]] END AS members`,
      { keys: frontier.map(tupleOf) },
    );
    const next: string[] = [];
    const discover = ([system, localId]: [string, string]) => {
      const key = keyOf(system, localId);
      if (!seen.has(key)) {
        seen.add(key);
        next.push(key);
      }
      return key;
    };
    for (const row of result.records) {
      const [system, localId] = row.get('k') as [string, string];
      const key = keyOf(system, localId);
      const identifiers = (
        row.get('identifiers') as {
          kind: IdentifierKind;
          value: string;
          blocked: boolean;
          others: [string, string][];
        }[]
      ).map((i) => ({ ...i, others: i.others.map(discover) }));
      const sameAs = (row.get('sameAs') as { other: [string, string]; rule: string }[]).map((l) => ({
        other: discover(l.other),
        rule: l.rule,
      }));
      (row.get('members') as [string, string][]).forEach(discover);
      states.set(key, {
        key,
        customerId: row.get('customerId'),
        customerCreatedAt: row.get('createdAt'),
        pinned: row.get('pinned'),
        nameKey: row.get('nameKey') ?? null,
        identifiers,
        sameAs,
      });
    }
    frontier = next;
  }
  return states;
}
