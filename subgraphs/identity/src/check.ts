/**
 * Invariants of the identity graph, checked on a live graph (read-only, READ
 * access mode): what `npm run identity:check` prints, and what the
 * concurrency test asserts after several writers ran at once.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { DEFAULT_RULES, type ResolutionRules } from './rules';

export interface InvariantResult {
  name: string;
  /** What the check means, in one sentence, for the operator reading the output. */
  description: string;
  /** How many nodes break it (0: holds). */
  violations: number;
  /** A few of them, to start looking. */
  examples: unknown[];
}

export interface CheckOptions {
  database?: string;
  /** Only records of these source systems (and their customers and identifiers); every record when not given. */
  systems?: string[];
  rules?: ResolutionRules;
  /** Examples kept per check. @default 5 */
  examples?: number;
}

interface Check {
  name: string;
  description: string;
  /** Returns one row per violation, with `example`; $systems is null for the whole graph. */
  query: string;
}

/** Records in scope: every record, or those of the given systems. */
const IN_SCOPE = '($systems IS NULL OR r.system IN $systems)';

const CHECKS: Check[] = [
  {
    name: 'record-has-one-customer',
    description: 'every source record belongs to exactly one customer',
    query: `MATCH (r:SourceRecord) WHERE ${IN_SCOPE}
            WITH r, COUNT { (r)-[:BELONGS_TO]->(:Customer) } AS owners WHERE owners <> 1
            RETURN {record: [r.system, r.localId], customers: owners} AS example`,
  },
  {
    name: 'customer-has-a-record',
    description: 'every customer not merged away holds at least one record (and one merged away holds none)',
    query: `MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer) WHERE ${IN_SCOPE}
            WITH DISTINCT c WHERE (c)-[:MERGED_INTO]->()
            RETURN {customer: c.id, problem: 'merged away but holds records'} AS example
            UNION
            MATCH (c:Customer) WHERE $systems IS NULL
              AND NOT (c)-[:MERGED_INTO]->() AND NOT ()-[:BELONGS_TO]->(c)
            RETURN {customer: c.id, problem: 'holds no record'} AS example`,
  },
  {
    name: 'identifier-owned-by-one-customer',
    description:
      'an identifier that links (strong kind, not blocked) is held by the records of one customer, ' +
      'unless the per-customer limits or a record unlinked by hand keep them apart',
    query: `MATCH (r:SourceRecord)-[:HAS]->(i:Identifier) WHERE ${IN_SCOPE}
              AND i.kind IN $strongKinds AND NOT coalesce(i.blocked, false)
            WITH DISTINCT i
            MATCH (i)<-[:HAS]-(h:SourceRecord)-[:BELONGS_TO]->(c:Customer)
            WITH i, collect(DISTINCT c) AS customers, max(CASE WHEN coalesce(h.pinned, false) THEN 1 ELSE 0 END) AS pinned
            WHERE size(customers) > 1 AND pinned = 0
            // Linking them would break a per-customer limit: resolve() refuses such a link, rightly.
            CALL {
              WITH customers
              UNWIND customers AS c
              MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS]->(v:Identifier) WHERE NOT coalesce(v.blocked, false)
              WITH v.kind AS kind, count(DISTINCT v.value) AS values
              RETURN max(CASE WHEN values > $maxPerCustomer[kind] THEN 1 ELSE 0 END) AS overLimit
            }
            WITH i, customers, overLimit WHERE coalesce(overLimit, 0) = 0
            RETURN {identifier: [i.kind, i.value], customers: [c IN customers | c.id]} AS example`,
  },
  {
    name: 'guards-applied',
    description: 'no identifier that links is held by more records than its kind allows (maxRecords)',
    query: `MATCH (r:SourceRecord)-[:HAS]->(i:Identifier) WHERE ${IN_SCOPE} AND NOT coalesce(i.blocked, false)
            WITH DISTINCT i
            WITH i, COUNT { (i)<-[:HAS]-(:SourceRecord) } AS holders WHERE holders > $maxRecords[i.kind]
            RETURN {identifier: [i.kind, i.value], records: holders} AS example`,
  },
  {
    name: 'one-link-per-identifier',
    description: 'a record links an identifier once (an observation applied twice would link it again)',
    query: `MATCH (r:SourceRecord)-[h:HAS]->(i:Identifier) WHERE ${IN_SCOPE}
            WITH r, i, count(h) AS links WHERE links > 1
            RETURN {record: [r.system, r.localId], identifier: [i.kind, i.value], links: links} AS example`,
  },
  {
    name: 'record-assigned-once-at-creation',
    description:
      'each record has exactly one creation event (an assign without a previous customer): ' +
      'no observation of a new record lost or applied twice',
    query: `MATCH (r:SourceRecord) WHERE ${IN_SCOPE}
            WITH r, COUNT { MATCH (e:IdentityEvent {system: r.system, localId: r.localId})
                            WHERE e.at IS NOT NULL AND e.type = 'assign' AND e.previousCustomerId IS NULL } AS created
            WHERE created <> 1
            RETURN {record: [r.system, r.localId], creations: created} AS example`,
  },
];

/** Runs every check; read-only. */
export async function checkIdentityGraph(driver: Driver, options: CheckOptions = {}): Promise<InvariantResult[]> {
  const rules = options.rules ?? DEFAULT_RULES;
  const kinds = Object.entries(rules.kinds);
  const params = {
    systems: options.systems ?? null,
    strongKinds: kinds.filter(([, r]) => r.links && !r.weak).map(([k]) => k),
    maxPerCustomer: Object.fromEntries(kinds.map(([k, r]) => [k, r.maxPerCustomer])),
    maxRecords: Object.fromEntries(kinds.map(([k, r]) => [k, r.maxRecords])),
  };
  const keep = options.examples ?? 5;
  const results: InvariantResult[] = [];
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.READ });
  try {
    for (const check of CHECKS) {
      const found = await session.executeRead((tx) => tx.run(check.query, params));
      results.push({
        name: check.name,
        description: check.description,
        violations: found.records.length,
        examples: found.records.slice(0, keep).map((r) => r.get('example') as unknown),
      });
    }
  } finally {
    await session.close();
  }
  return results;
}

/** The customers of the records in scope, as sets of record keys: what two runs must agree on. */
export async function partitionOf(driver: Driver, systems: string[], database?: string): Promise<string[][]> {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer) WHERE r.system IN $systems
     WITH c, collect(r.system + '/' + r.localId) AS members
     RETURN members`,
    { systems },
    { database, routing: 'READ' },
  );
  return records.map((r) => (r.get('members') as string[]).sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}
