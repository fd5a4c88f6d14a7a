import path from 'node:path';
import { createLogger } from '@c360/kit/logger';
import { loadEmbeddedConfig } from './config';
import { REPO_ROOT } from './product';
import { startBundledNeo4j } from './neo4j';

/**
 * `npm run neo4j`: runs the bundled Neo4j in the foreground, so that it stays
 * up across restarts of `npm start` (which then reuses it) and can be queried
 * with any Bolt client.
 */
export async function main(): Promise<void> {
  const config = loadEmbeddedConfig();
  const logger = createLogger(config.LOG_LEVEL, 'neo4j');
  const neo4j = await startBundledNeo4j({
    port: config.NEO4J_BOLT_PORT,
    dataDir: path.resolve(REPO_ROOT, config.NEO4J_DATA_DIR),
    logger,
  });
  if (!neo4j.started) {
    console.log(`A Neo4j server already answers at ${neo4j.uri}.`);
    return;
  }
  console.log(`Neo4j is running at ${neo4j.uri} (auth off, loopback only). Stop with Ctrl-C.`);
  const stop = () => void neo4j.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
