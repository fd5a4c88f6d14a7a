/**
 * What the identity evaluation and benchmark scripts share: their own bundled
 * Neo4j (never the demo's or the tests'), wiping it, and writing results.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { startBundledNeo4j, type BundledNeo4j } from '@c360/embedded/neo4j';
import { parseEnv, port } from '@c360/kit/config';
import type { Logger } from '@c360/kit/logger';

export const REPO_ROOT = path.join(__dirname, '..', '..', '..');
export const EVAL_NEO4J_DATA_DIR = '.data/eval/neo4j';
export const RESULTS_DIR = 'bench/results';

/**
 * Ports whose graph a wipe would destroy for someone else: the bundled Neo4j
 * of `npm start` and the one of the tests (see tests/setup/test-env.ts).
 */
const NOT_OURS: ReadonlyMap<number, string> = new Map([
  [7687, 'the demo data of `npm start`'],
  [7688, 'the test suite'],
]);

/** The scripts' only setting from the environment, parsed once. */
export function evalNeo4jPort(env: NodeJS.ProcessEnv = process.env): number {
  const { EVAL_NEO4J_BOLT_PORT } = parseEnv({ EVAL_NEO4J_BOLT_PORT: port(7689) }, env);
  const owner = NOT_OURS.get(EVAL_NEO4J_BOLT_PORT);
  if (owner) {
    throw new Error(
      `EVAL_NEO4J_BOLT_PORT=${EVAL_NEO4J_BOLT_PORT} is the Neo4j of ${owner}, which the evaluation would wipe; ` +
        'expected a port of its own such as 7689',
    );
  }
  return EVAL_NEO4J_BOLT_PORT;
}

/** Starts (or reuses) the evaluation Neo4j and connects to it. */
export async function startEvalNeo4j(
  boltPort: number,
  logger: Logger,
): Promise<{ server: BundledNeo4j; driver: Driver }> {
  const server = await startBundledNeo4j({
    port: boltPort,
    dataDir: path.join(REPO_ROOT, EVAL_NEO4J_DATA_DIR),
    logger,
  });
  const driver = neo4j.driver(server.uri, undefined, { disableLosslessIntegers: true });
  try {
    await driver.verifyConnectivity();
  } catch (err) {
    await driver.close();
    await server.stop();
    throw err;
  }
  return { server, driver };
}

/**
 * Deletes every node and relationship. Batched in transactions of its own
 * (which needs an auto-commit query) so that a large graph does not need one
 * transaction holding it all in the 1 GB heap of the bundled server. The
 * relationships go first: a node's DETACH DELETE takes all of its
 * relationships into one batch, and a matching block of tens of thousands of
 * records then exceeded the server's transaction memory.
 */
export async function wipeNeo4j(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/** Writes a result as JSON under bench/results/ and returns its path relative to the repository. */
export async function writeResult(name: string, result: unknown): Promise<string> {
  const file = path.join(REPO_ROOT, RESULTS_DIR, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return path.relative(REPO_ROOT, file);
}
