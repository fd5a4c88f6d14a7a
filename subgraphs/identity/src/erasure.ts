/**
 * Right to erasure in the identity graph. Kept apart from graph.ts (the
 * resolution engine): it only deletes, and the engine only consults it
 * through `withoutErased` before ingesting observations.
 *
 * Erasing a customer deletes, in one transaction that first locks the
 * customers like every resolving write:
 * - its source records (and the customer ids merged into it),
 * - the identifiers only its records held (an identifier other people's
 *   records share, e.g. a blocked family email, stays: it is theirs too),
 * - its links and the audit events about its records and ids,
 * and leaves one tombstone per erased record: a SHA-256 of the record key,
 * never an identifier, which `withoutErased` checks so that a replayed feed
 * or a source that has not erased yet cannot bring the record back.
 * Erasing again is harmless: unknown customers and records are nothing to do.
 */
import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import type { Cache } from '@c360/kit/cache';
import type { Logger } from '@c360/kit/logger';
import type { NormalizedIdentifier } from './normalize';

/** A source record as the graph keys it (the same shape as graph.ts's; declared here so that the engine may import this module). */
export interface SourceRecordKey {
  system: string;
  localId: string;
}

/** The order a customer's source records are answered in (here and by graph.ts): by system, then local id. */
export const bySourceRecord = (a: SourceRecordKey, b: SourceRecordKey) =>
  a.system.localeCompare(b.system) || a.localId.localeCompare(b.localId);

/** What an erasure covers: the customer as it stands, and every id that resolves to it. */
export interface ErasurePlan {
  /** The customer the asked id resolves to (after merges). */
  customerId: string;
  /** That id and every id merged into it. */
  customerIds: string[];
  records: SourceRecordKey[];
}

export interface ErasureResult {
  /** Records deleted (every record of the customers, and the records asked). */
  records: SourceRecordKey[];
  customerIds: string[];
  /** Identifiers deleted (held by no other record). */
  identifiersDeleted: number;
  eventsDeleted: number;
}

/** The tombstone key of a source record: a hash, so that the graph keeps no trace of the id itself. */
export function tombstoneKey(system: string, localId: string): string {
  return createHash('sha256').update(`${system}\u0000${localId}`).digest('hex');
}

// The identity cache's keys, as graph.ts writes them.
const customerCacheKey = (id: string) => `identity:customer:${id}`;
const identifierCacheKey = (kind: string, value: string) => `identity:identifier:${kind}|${value}`;

/**
 * The observations whose record was not erased. One indexed read per batch;
 * an empty batch costs nothing.
 */
export async function withoutErased<T extends SourceRecordKey>(
  driver: Driver,
  database: string | undefined,
  observations: T[],
): Promise<T[]> {
  if (observations.length === 0) return observations;
  const keys = observations.map((o) => tombstoneKey(o.system, o.localId));
  const { records } = await driver.executeQuery(
    `UNWIND $keys AS key MATCH (t:ErasureTombstone {key: key}) RETURN collect(t.key) AS erased`,
    { keys: [...new Set(keys)] },
    { database, routing: 'READ' },
  );
  const erased = new Set((records[0]?.get('erased') as string[] | undefined) ?? []);
  if (erased.size === 0) return observations;
  return observations.filter((_, i) => !erased.has(keys[i]!));
}

export interface IdentityErasureOptions {
  database?: string;
  cache: Cache;
  logger: Logger;
  /** Told which customers went, to drop what caches elsewhere (the gateway's) hold of them. */
  onCustomersChanged?: (customerIds: string[]) => Promise<unknown> | unknown;
}

export class IdentityErasure {
  constructor(
    private readonly driver: Driver,
    private readonly options: IdentityErasureOptions,
  ) {}

  /** What erasing `customerId` would delete; null when no such customer (or it holds no record). */
  async plan(customerId: string): Promise<ErasurePlan | null> {
    const { records } = await this.driver.executeQuery(
      `MATCH (asked:Customer {id: $id})
       OPTIONAL MATCH (asked)-[:MERGED_INTO*1..20]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->()
       WITH coalesce(s, asked) AS c
       OPTIONAL MATCH (m:Customer)-[:MERGED_INTO*1..20]->(c)
       WITH c, collect(DISTINCT m.id) AS merged
       OPTIONAL MATCH (r:SourceRecord)-[:BELONGS_TO]->(c)
       RETURN c.id AS id, merged, collect(DISTINCT {system: r.system, localId: r.localId}) AS records`,
      { id: customerId },
      { database: this.options.database, routing: 'READ' },
    );
    const row = records[0];
    if (!row) return null;
    const sourceRecords = (row.get('records') as SourceRecordKey[])
      .filter((r) => r.system !== null)
      .sort(bySourceRecord);
    if (sourceRecords.length === 0) return null;
    const id = row.get('id') as string;
    return { customerId: id, customerIds: [id, ...(row.get('merged') as string[]).sort()], records: sourceRecords };
  }

  /**
   * Erases the customers and records (see the file comment); `erasureId`
   * names the erasure job on the tombstones. Then drops the identity cache
   * entries of every customer and identifier concerned, and tells the
   * gateway.
   */
  async erase(input: { erasureId: string; customerIds: string[]; records: SourceRecordKey[] }): Promise<ErasureResult> {
    const session = this.driver.session({ database: this.options.database });
    let result: ErasureResult & { identifiers: NormalizedIdentifier[] };
    try {
      result = await session.executeWrite(async (tx) => {
        // The customers first (id order, like every resolving write: see WriteLocks in graph.ts), so that no
        // write moves records into or out of them, or links an identifier to them, while they are erased.
        await tx.run(`UNWIND $ids AS id MATCH (c:Customer {id: id}) SET c._lock = true`, {
          ids: [...new Set(input.customerIds)].sort(),
        });
        // Every record of the customers (their ids merged away included), and the records asked.
        const found = await tx.run(
          `UNWIND $customerIds AS cid
           MATCH (c:Customer {id: cid})
           OPTIONAL MATCH (m:Customer)-[:MERGED_INTO*1..20]->(c)
           WITH collect(DISTINCT c) + collect(DISTINCT m) AS customers
           UNWIND customers AS c
           OPTIONAL MATCH (r:SourceRecord)-[:BELONGS_TO]->(c)
           RETURN collect(DISTINCT c.id) AS ids, collect(DISTINCT [r.system, r.localId]) AS keys`,
          { customerIds: input.customerIds },
        );
        const ids = new Set<string>(input.customerIds);
        for (const id of (found.records[0]?.get('ids') as string[] | undefined) ?? []) ids.add(id);
        const keys = new Map<string, [string, string]>();
        for (const key of [
          ...((found.records[0]?.get('keys') as [string | null, string | null][] | undefined) ?? []),
          ...input.records.map((r) => [r.system, r.localId] as [string, string]),
        ]) {
          if (key[0] !== null && key[1] !== null) keys.set(`${key[0]}\u0000${key[1]}`, key as [string, string]);
        }
        const keyList = [...keys.values()];
        await tx.run(
          `UNWIND $tombstones AS key
           MERGE (t:ErasureTombstone {key: key}) ON CREATE SET t.erasedAt = datetime(), t.erasureId = $erasureId`,
          { tombstones: keyList.map(([s, l]) => tombstoneKey(s, l)), erasureId: input.erasureId },
        );
        // Identifiers of these records; those no other record holds go with them.
        const held = await tx.run(
          `UNWIND $keys AS k
           MATCH (r:SourceRecord {system: k[0], localId: k[1]})
           WITH collect(r) AS records
           UNWIND records AS r
           MATCH (r)-[:HAS]->(i:Identifier)
           WITH DISTINCT i, records
           RETURN i.kind AS kind, i.value AS value,
                  NOT EXISTS { MATCH (i)<-[:HAS]-(o:SourceRecord) WHERE NOT o IN records } AS own`,
          { keys: keyList },
        );
        const identifiers = held.records.map((r) => ({
          kind: r.get('kind') as NormalizedIdentifier['kind'],
          value: r.get('value') as string,
          own: r.get('own') as boolean,
        }));
        const own = identifiers.filter((i) => i.own).map(({ kind, value }) => ({ kind, value }));
        const events = await tx.run(
          `CALL {
             UNWIND $keys AS k
             MATCH (e:IdentityEvent {system: k[0], localId: k[1]}) RETURN e
             UNION
             UNWIND $ids AS id MATCH (e:IdentityEvent {customerId: id}) RETURN e
             UNION
             UNWIND $ids AS id MATCH (e:IdentityEvent {previousCustomerId: id}) RETURN e
             UNION
             UNWIND $ids AS id MATCH (e:IdentityEvent {mergedCustomerId: id}) RETURN e
             UNION
             UNWIND $own AS i MATCH (e:IdentityEvent {kind: i.kind, value: i.value}) RETURN e
           }
           WITH DISTINCT e DETACH DELETE e RETURN count(*) AS deleted`,
          { keys: keyList, ids: [...ids], own },
        );
        await tx.run(`UNWIND $own AS i MATCH (n:Identifier {kind: i.kind, value: i.value}) DETACH DELETE n`, { own });
        // Probabilistic matching's traces of the records: review-queue pairs (pending or decided: the
        // person is gone either way) and the blocks only they were in (a blocking key is a hash of
        // their name and place).
        const blocks = await tx.run(
          `UNWIND $keys AS k
           MATCH (r:SourceRecord {system: k[0], localId: k[1]})
           CALL { WITH r MATCH (m:MatchReview)-[:CONCERNS]->(r) DETACH DELETE m }
           OPTIONAL MATCH (r)-[:IN_BLOCK]->(b:MatchBlock)
           RETURN collect(DISTINCT b.key) AS blocks`,
          { keys: keyList },
        );
        await tx.run(`UNWIND $keys AS k MATCH (r:SourceRecord {system: k[0], localId: k[1]}) DETACH DELETE r`, {
          keys: keyList,
        });
        await tx.run(
          `UNWIND $blocks AS key MATCH (b:MatchBlock {key: key}) WHERE NOT EXISTS { (b)<-[:IN_BLOCK]-() } DELETE b`,
          { blocks: blocks.records[0]?.get('blocks') ?? [] },
        );
        await tx.run(`UNWIND $ids AS id MATCH (c:Customer {id: id}) DETACH DELETE c`, { ids: [...ids] });
        return {
          records: keyList.map(([system, localId]) => ({ system, localId })),
          customerIds: [...ids].sort(),
          identifiersDeleted: own.length,
          eventsDeleted: Number(events.records[0]?.get('deleted') ?? 0),
          identifiers: identifiers.map(({ kind, value }) => ({ kind, value })),
        };
      });
    } finally {
      await session.close();
    }
    const { identifiers, ...outcome } = result;
    await this.options.cache.delete([
      ...outcome.customerIds.map(customerCacheKey),
      ...identifiers.map((i) => identifierCacheKey(i.kind, i.value)),
    ]);
    if (outcome.customerIds.length > 0 && this.options.onCustomersChanged) {
      try {
        await this.options.onCustomersChanged(outcome.customerIds);
      } catch (err) {
        this.options.logger.warn({ err: (err as Error).message }, 'could not invalidate caches of erased customers');
      }
    }
    this.options.logger.info(
      { erasureId: input.erasureId, customers: outcome.customerIds.length, records: outcome.records.length },
      'customer erased from the identity graph',
    );
    return outcome;
  }
}
