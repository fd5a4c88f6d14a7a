import neo4j from 'neo4j-driver';

/** Empties a test Neo4j: for end-to-end tests that rebuild the identity graph from the sources. */
export async function wipeNeo4j(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session();
  try {
    // CALL … IN TRANSACTIONS needs an auto-commit transaction: session.run, not executeQuery.
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}
