import { randomUUID } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Cache } from '../../shared/src/cache';
import type { Logger } from '../../shared/src/logger';
import type { IdentifierKind, NormalizedIdentifier } from './normalize';

/** One source record as a source system holds it now, identifiers already normalised. */
export interface Observation {
  system: string;
  localId: string;
  identifiers: NormalizedIdentifier[];
  /** ISO-8601 time the source last changed the record. */
  observedAt: string;
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

export interface IdentityGraphOptions {
  /** Neo4j database name; the server's default when not given. */
  database?: string;
  /** TTL of cached lookups. @default 300 */
  cacheTtlSeconds?: number;
}

type RecordTuple = [string, string];
const keyOf = (system: string, localId: string) => `${system}\u0000${localId}`;
const tupleOf = (key: string): RecordTuple => key.split('\u0000') as RecordTuple;

/** Resolution rules recorded on links, so that every link can be explained. */
export const RULES = {
  sharedIdentifier: 'deterministic:shared-identifier',
  singleRecord: 'deterministic:single-record',
} as const;

/**
 * The identity graph in Neo4j: stores only identifiers, source record keys and
 * links, and decides which records are one customer. Records that share a
 * normalised identifier belong to one customer (the connected components of
 * record–identifier links); a cluster keeps its id as records arrive, and when
 * clusters merge the largest keeps its id while the others redirect to it.
 */
export class IdentityGraph {
  private readonly ttl: number;
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly driver: Driver,
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly options: IdentityGraphOptions = {},
  ) {
    this.ttl = options.cacheTtlSeconds ?? 300;
  }

  /**
   * Ingests observations and re-resolves the affected clusters. Replaying the
   * same observations changes nothing. Writes of this process are serialised
   * so that two batches never resolve the same cluster at once.
   */
  async observe(observations: Observation[]): Promise<Map<string, string>> {
    const run = this.writeQueue.then(() => this.observeNow(observations));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async observeNow(observations: Observation[]): Promise<Map<string, string>> {
    // The latest observation of a record wins within a batch, as it does across batches.
    const latest = new Map<string, Observation>();
    for (const obs of observations) {
      const key = keyOf(obs.system, obs.localId);
      const seen = latest.get(key);
      if (!seen || Date.parse(seen.observedAt) <= Date.parse(obs.observedAt)) latest.set(key, obs);
    }
    const records = [...latest.values()].map((o) => ({
      system: o.system,
      localId: o.localId,
      observedAt: o.observedAt,
      identifiers: o.identifiers,
      keys: o.identifiers.map((i) => `${i.kind}|${i.value}`),
    }));
    if (records.length === 0) return new Map();

    const session = this.driver.session({ database: this.options.database });
    try {
      const { assignment, touchedCustomers, touchedIdentifiers } = await session.executeWrite(async (tx) => {
        await upsertRecords(tx, records);
        return resolveClusters(
          tx,
          records.map((r) => keyOf(r.system, r.localId)),
        );
      });
      await this.cache.delete([
        ...touchedCustomers.map((id) => `identity:customer:${id}`),
        ...touchedIdentifiers.map((i) => `identity:identifier:${i}`),
      ]);
      const result = new Map<string, string>();
      for (const key of latest.keys()) result.set(key, assignment.get(key)!);
      return result;
    } finally {
      await session.close();
    }
  }

  /** The customer holding an identifier (already normalised), or null. Cached. */
  async customerIdByIdentifier(identifier: NormalizedIdentifier): Promise<string | null> {
    const cacheKey = `identity:identifier:${identifier.kind}|${identifier.value}`;
    const cached = await this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const result = await this.read(
      `MATCH (:Identifier {kind: $kind, value: $value})<-[:HAS]-(:SourceRecord)-[:BELONGS_TO]->(c:Customer)
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
        const cached = await this.cache.get(`identity:customer:${id}`);
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
        if (customer) {
          await this.cache.set(`identity:customer:${row.requested}`, JSON.stringify(customer), this.ttl);
        }
      }
    }
    return ids.map((id) => found.get(id) ?? null);
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

  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok', {});
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

/**
 * Creates or updates records and their identifiers. An observation is the
 * record's full current set of identifiers, so links to identifiers it no
 * longer holds are removed; an observation older than the one already
 * applied is ignored, which makes out-of-order and replayed feeds harmless.
 */
async function upsertRecords(
  tx: ManagedTransaction,
  records: {
    system: string;
    localId: string;
    observedAt: string;
    identifiers: NormalizedIdentifier[];
    keys: string[];
  }[],
): Promise<void> {
  await tx.run(
    `UNWIND $records AS rec
     MERGE (r:SourceRecord {system: rec.system, localId: rec.localId})
       ON CREATE SET r.firstObservedAt = datetime(rec.observedAt)
     WITH r, rec
     WHERE r.lastObservedAt IS NULL OR r.lastObservedAt <= datetime(rec.observedAt)
     SET r.lastObservedAt = datetime(rec.observedAt)
     WITH r, rec
     OPTIONAL MATCH (r)-[stale:HAS]->(old:Identifier)
     WHERE NOT old.kind + '|' + old.value IN rec.keys
     DELETE stale
     WITH DISTINCT r, rec
     UNWIND rec.identifiers AS idf
     MERGE (i:Identifier {kind: idf.kind, value: idf.value})
     MERGE (r)-[h:HAS]->(i)
       ON CREATE SET h.source = rec.system, h.at = datetime(rec.observedAt)`,
    { records },
  );
}

interface Visit {
  customerId: string | null;
  customerCreatedAt: string | null;
}

/**
 * Recomputes the clusters around the given records: walks shared identifiers
 * (the links) and current co-members (to notice splits) until nothing new is
 * found, then gives each connected component a customer. A component keeps
 * the id of the customer holding most of its records (the larger part keeps
 * the id on a split); customers left without records redirect to the customer
 * that took most of them.
 */
async function resolveClusters(
  tx: ManagedTransaction,
  startKeys: string[],
): Promise<{ assignment: Map<string, string>; touchedCustomers: string[]; touchedIdentifiers: string[] }> {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = k;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };

  const visits = new Map<string, Visit>();
  let frontier = [...new Set(startKeys)];
  for (const k of frontier) parent.set(k, k);
  while (frontier.length > 0) {
    const result = await tx.run(
      `UNWIND $keys AS k
       MATCH (r:SourceRecord {system: k[0], localId: k[1]})
       OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
       OPTIONAL MATCH (r)-[:HAS]->(:Identifier)<-[:HAS]-(o:SourceRecord)
       WITH k, c, collect(DISTINCT [o.system, o.localId]) AS linked
       OPTIONAL MATCH (c)<-[:BELONGS_TO]-(m:SourceRecord)
       RETURN k, c.id AS customerId, toString(c.createdAt) AS createdAt, linked,
              collect(DISTINCT [m.system, m.localId]) AS members`,
      { keys: frontier.map(tupleOf) },
    );
    const next = new Set<string>();
    for (const row of result.records) {
      const [system, localId] = row.get('k') as RecordTuple;
      const key = keyOf(system, localId);
      visits.set(key, { customerId: row.get('customerId'), customerCreatedAt: row.get('createdAt') });
      const discover = (tuple: [string | null, string | null]) => {
        if (tuple[0] === null || tuple[1] === null) return null;
        const other = keyOf(tuple[0], tuple[1]);
        if (!parent.has(other)) {
          parent.set(other, other);
          next.add(other);
        }
        return other;
      };
      for (const tuple of row.get('linked') as [string | null, string | null][]) {
        const other = discover(tuple);
        if (other) union(key, other);
      }
      for (const tuple of row.get('members') as [string | null, string | null][]) discover(tuple);
    }
    frontier = [...next].filter((k) => !visits.has(k));
  }

  // Components, largest first, so that on a split the larger part keeps the id.
  const components = new Map<string, string[]>();
  for (const key of visits.keys()) {
    const root = find(key);
    components.set(root, [...(components.get(root) ?? []), key]);
  }
  const ordered = [...components.values()].sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const createdAt = new Map<string, string>();
  for (const v of visits.values()) if (v.customerId) createdAt.set(v.customerId, v.customerCreatedAt ?? '');

  const claimed = new Set<string>();
  const assignment = new Map<string, string>();
  const newCustomers: string[] = [];
  for (const members of ordered) {
    const counts = new Map<string, number>();
    for (const m of members) {
      const c = visits.get(m)!.customerId;
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const candidates = [...counts.entries()]
      .filter(([id]) => !claimed.has(id))
      .sort(
        ([a, na], [b, nb]) =>
          nb - na || (createdAt.get(a) ?? '').localeCompare(createdAt.get(b) ?? '') || a.localeCompare(b),
      );
    let id = candidates[0]?.[0];
    if (!id) {
      id = randomUUID();
      newCustomers.push(id);
    }
    claimed.add(id);
    for (const m of members) assignment.set(m, id);
  }

  // Customers that lost all their records redirect to where most of them went.
  const merges: { from: string; into: string }[] = [];
  const previous = new Set([...visits.values()].map((v) => v.customerId).filter((c): c is string => !!c));
  for (const old of previous) {
    if (claimed.has(old)) continue;
    const destinations = new Map<string, number>();
    for (const [key, visit] of visits) {
      if (visit.customerId === old) {
        const to = assignment.get(key)!;
        destinations.set(to, (destinations.get(to) ?? 0) + 1);
      }
    }
    const into = [...destinations.entries()].sort(([, a], [, b]) => b - a)[0]![0];
    merges.push({ from: old, into });
  }

  const sizes = new Map<string, number>();
  for (const c of assignment.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const changes = [...visits.entries()]
    .filter(([key, visit]) => visit.customerId !== assignment.get(key))
    .map(([key]) => {
      const [system, localId] = tupleOf(key);
      const customerId = assignment.get(key)!;
      const rule = sizes.get(customerId)! > 1 ? RULES.sharedIdentifier : RULES.singleRecord;
      return { system, localId, customerId, rule };
    });

  if (changes.length > 0) {
    await tx.run(
      `UNWIND $changes AS ch
       MATCH (r:SourceRecord {system: ch.system, localId: ch.localId})
       MERGE (c:Customer {id: ch.customerId})
         ON CREATE SET c.createdAt = datetime()
       WITH r, c, ch
       OPTIONAL MATCH (r)-[old:BELONGS_TO]->(:Customer)
       DELETE old
       CREATE (r)-[:BELONGS_TO {rule: ch.rule, source: ch.system, confidence: 1.0, at: datetime()}]->(c)`,
      { changes },
    );
  }
  if (merges.length > 0) {
    await tx.run(
      `UNWIND $merges AS m
       MATCH (loser:Customer {id: m.from}), (survivor:Customer {id: m.into})
       MERGE (loser)-[link:MERGED_INTO]->(survivor)
         ON CREATE SET link.rule = $rule, link.at = datetime()
       SET loser.mergedAt = datetime()`,
      { merges, rule: RULES.sharedIdentifier },
    );
  }

  const identifiers = await tx.run(
    `UNWIND $keys AS k
     MATCH (:SourceRecord {system: k[0], localId: k[1]})-[:HAS]->(i:Identifier)
     RETURN DISTINCT i.kind + '|' + i.value AS key`,
    { keys: [...visits.keys()].map(tupleOf) },
  );
  return {
    assignment,
    touchedCustomers: [...new Set([...previous, ...assignment.values(), ...newCustomers])],
    touchedIdentifiers: identifiers.records.map((r) => r.get('key') as string),
  };
}
