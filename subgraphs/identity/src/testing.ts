import type { Driver } from 'neo4j-driver';

/**
 * Removes everything a test wrote to the shared test Neo4j under its own
 * source name and identifier tag: records, their customers (and customers
 * merged into them), identifiers, audit events, feed cursor, match reviews
 * and match blocks.
 */
export async function removeTestData(driver: Driver, system: string, tag: string): Promise<void> {
  // Match reviews of the records, and blocks only they were in (blocks are shared across sources).
  await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system})
     OPTIONAL MATCH (r)<-[:CONCERNS]-(m:MatchReview)
     OPTIONAL MATCH (r)-[:IN_BLOCK]->(b:MatchBlock) WHERE NOT EXISTS {
       MATCH (b)<-[:IN_BLOCK]-(o:SourceRecord) WHERE o.system <> $system }
     DETACH DELETE m, b`,
    { system },
  );
  await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system})
     OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
     OPTIONAL MATCH (c)<-[:MERGED_INTO*0..]-(m:Customer)
     DETACH DELETE r, c, m`,
    { system },
  );
  await driver.executeQuery(
    `MATCH (n)
     WHERE (n:Identifier AND n.value CONTAINS $tag) OR (n:IdentityEvent AND n.system = $system)
        OR (n:FeedCursor AND n.source = $system) OR (n:FeedPage AND n.source = $system)
     DETACH DELETE n`,
    { system, tag },
  );
}
