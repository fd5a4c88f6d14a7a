import { seedDemo } from '@c360/demo/seed';
import { openSeedTargets } from '@c360/demo/seed/targets';
import type { EmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT } from '@c360/embedded/product';
import { wipeNeo4j } from './neo4j';
import { TEST_TRUTH_PATH } from './test-env';

/**
 * A clean slate for a suite that checks answers against the demo's truth:
 * every test source reseeded from the generator with `people` (whatever an
 * earlier suite left there, and with how many people), the truth file written
 * anew, and an empty test Neo4j for the product to resolve into.
 */
export async function freshDemo(config: EmbeddedConfig, people: number): Promise<void> {
  const targets = openSeedTargets(config, REPO_ROOT);
  try {
    await seedDemo({ ...targets, force: true, people, truthPath: TEST_TRUTH_PATH });
  } finally {
    await targets.close();
  }
  await wipeNeo4j(config.NEO4J_URI!);
}
