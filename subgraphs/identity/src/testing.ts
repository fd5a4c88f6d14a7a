import type { Driver, ManagedTransaction, SessionConfig } from 'neo4j-driver';

/** Nodes deleted per inner transaction: a test's data at 100k records is above Neo4j's transaction memory limit. */
const DELETE_BATCH = 1000;

/**
 * Runs a `CALL { … } IN TRANSACTIONS` statement: it needs an implicit
 * (auto-commit) transaction, which `session.run` gives and `executeQuery`
 * (a managed transaction) does not. The session shares executeQuery's
 * bookmarks, so the caller's next executeQuery sees the deletions.
 */
async function runInBatches(driver: Driver, query: string, params: Record<string, unknown>): Promise<void> {
  const session = driver.session({ bookmarkManager: driver.executeQueryBookmarkManager });
  try {
    await session.run(query, params);
  } finally {
    await session.close();
  }
}

/**
 * Removes everything a test wrote to the shared test Neo4j under its own
 * source name and identifier tag: records, their customers (and customers
 * merged into them), identifiers, audit events, feed cursor, match reviews
 * and match blocks. Deletes in batches of DELETE_BATCH nodes, each its own
 * transaction, so that any size fits Neo4j's transaction memory limit.
 */
export async function removeTestData(driver: Driver, system: string, tag: string): Promise<void> {
  // Match reviews of the records, and blocks only they were in (blocks are shared across sources).
  await runInBatches(
    driver,
    `MATCH (r:SourceRecord {system: $system})
     OPTIONAL MATCH (r)<-[:CONCERNS]-(m:MatchReview)
     OPTIONAL MATCH (r)-[:IN_BLOCK]->(b:MatchBlock) WHERE NOT EXISTS {
       MATCH (b)<-[:IN_BLOCK]-(o:SourceRecord) WHERE o.system <> $system }
     WITH collect(DISTINCT m) + collect(DISTINCT b) AS doomed
     UNWIND doomed AS n
     CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF ${DELETE_BATCH} ROWS`,
    { system },
  );
  // The customers of the records, with every customer merged into them, then the records.
  await runInBatches(
    driver,
    `MATCH (:SourceRecord {system: $system})-[:BELONGS_TO]->(c:Customer)
     WITH DISTINCT c
     MATCH (c)<-[:MERGED_INTO*0..]-(m:Customer)
     WITH DISTINCT m
     CALL { WITH m DETACH DELETE m } IN TRANSACTIONS OF ${DELETE_BATCH} ROWS`,
    { system },
  );
  await runInBatches(
    driver,
    `MATCH (r:SourceRecord {system: $system})
     CALL { WITH r DETACH DELETE r } IN TRANSACTIONS OF ${DELETE_BATCH} ROWS`,
    { system },
  );
  await runInBatches(
    driver,
    `MATCH (n)
     WHERE (n:Identifier AND n.value CONTAINS $tag) OR (n:IdentityEvent AND n.system = $system)
        OR (n:FeedCursor AND n.source = $system) OR (n:FeedPage AND n.source = $system)
     CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF ${DELETE_BATCH} ROWS`,
    { system, tag },
  );
}

/** Deletes the phone identifiers no record holds any more (phone numbers carry no test tag), in batches. */
export async function removeOrphanPhones(driver: Driver): Promise<void> {
  await runInBatches(
    driver,
    `MATCH (i:Identifier {kind: 'PHONE'}) WHERE NOT (i)<-[:HAS]-()
     CALL { WITH i DELETE i } IN TRANSACTIONS OF ${DELETE_BATCH} ROWS`,
    {},
  );
}

/** The driver, recording every statement its write transactions run (in order), with its parameters. */
export function recording(target: Driver, log: { query: string; params: Record<string, unknown> }[]): Driver {
  const bound = <T extends object>(object: T, property: string | symbol) => {
    const value = Reflect.get(object, property) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
  };
  const recordingTx = (tx: ManagedTransaction) =>
    new Proxy(tx, {
      get: (t, property) =>
        property === 'run'
          ? (query: string, params: Record<string, unknown> = {}) => {
              log.push({ query, params });
              return t.run(query, params);
            }
          : bound(t, property),
    });
  return new Proxy(target, {
    get: (d, property) =>
      property === 'session'
        ? (config: SessionConfig) => {
            const session = d.session(config);
            return new Proxy(session, {
              get: (s, p) =>
                p === 'executeWrite'
                  ? <T>(work: (tx: ManagedTransaction) => Promise<T>) => s.executeWrite((tx) => work(recordingTx(tx)))
                  : bound(s, p),
            });
          }
        : bound(d, property),
  });
}
