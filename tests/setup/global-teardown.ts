import type { BundledNeo4j } from '@c360/embedded/neo4j';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __C360_NEO4J__?: BundledNeo4j }).__C360_NEO4J__?.stop();
}
