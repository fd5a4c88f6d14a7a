/**
 * The write path's locks and the driver settings a Neo4j cluster needs,
 * against the single test server over a routing URI (neo4j://).
 */
import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { uniqueSystem } from '@c360/kit/testing';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { Registry } from 'prom-client';
import { IdentityGraph, type Observation } from './graph';
import { migrate } from './migrations';
import { removeTestData } from './testing';

const logger = createLogger('silent');
let driver: Driver;
const system = uniqueSystem('routing');
const tag = randomUUID().slice(0, 8);
const email = (name: string) => ({ kind: 'EMAIL' as const, value: `${name}.${tag}@example.com` });
const obs = (localId: string, identifiers: Observation['identifiers']): Observation => ({
  system,
  localId,
  identifiers,
  observedAt: '2026-01-01T00:00:00Z',
});

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI.replace(/^bolt:/, 'neo4j:'), undefined, { disableLosslessIntegers: true });
  await migrate(driver);
});
afterAll(async () => {
  await removeTestData(driver, system, tag);
  await driver.close();
});

describe('IdentityGraph over neo4j:// (routing driver)', () => {
  it('reads its own writes at once (bookmarks) and counts its write transactions', async () => {
    const registry = new Registry();
    const graph = new IdentityGraph(driver, new MemoryCache(), logger, { metrics: registry });
    await graph.observe([obs('m1', [email('mia')]), obs('n1', [email('noa')])]);
    expect([...(await graph.bookmarks.getBookmarks())].length).toBeGreaterThan(0);
    const mia = await graph.customerIdByIdentifier(email('mia'));
    const noa = await graph.customerIdByIdentifier(email('noa'));
    expect(mia).not.toBeNull();
    const survivor = await graph.mergeCustomers([mia!, noa!], { name: 'test', reason: 'same person' });
    // Read right after the merge: the customer merged away already answers as the survivor.
    const [merged] = await graph.customers([survivor === mia ? noa! : mia!]);
    expect(merged?.id).toBe(survivor);
    expect(graph.writeStats).toMatchObject({ transactions: 2, retries: 0 });
    const metrics = await registry.getSingleMetricAsString('c360_identity_write_transactions_total');
    expect(metrics).toContain('c360_identity_write_transactions_total 2');
  });

  it('lets a write about one person run while another person’s customer is locked, and makes the other wait', async () => {
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    await graph.observe([obs('x1', [email('xavier')]), obs('y1', [email('yann')])]);
    const x = (await graph.customerIdByIdentifier(email('xavier')))!;
    const y = (await graph.customerIdByIdentifier(email('yann')))!;
    // A transaction of someone else holding Xavier's customer, as a write about him in progress would.
    const session = driver.session();
    const tx = await session.beginTransaction();
    try {
      await tx.run('MATCH (c:Customer {id: $id}) SET c._lock = -1', { id: x });
      // Yann's new record does not wait for it (no global lock).
      expect(await graph.observe([obs('y2', [email('yann')])])).toEqual(new Map([[`${system}\u0000y2`, y]]));
      // Xavier's new record waits until it commits.
      let settled = false;
      const xavier = graph.observe([obs('x2', [email('xavier')])]).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 1500));
      expect(settled).toBe(false);
      await tx.commit();
      expect(await xavier).toEqual(new Map([[`${system}\u0000x2`, x]]));
    } finally {
      if (tx.isOpen()) await tx.rollback();
      await session.close();
    }
  });

  it('resolves different people in parallel in one process, the same people once', async () => {
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    // Eight concurrent writes: four people, each arriving from two writes at once.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        graph.observe([obs(`p${i}`, [email(`person${i % 4}`)]), obs(`q${i}`, [email(`person${i % 4}`)])]),
      ),
    );
    const { records } = await driver.executeQuery(
      `MATCH (r:SourceRecord {system: $system})-[:BELONGS_TO]->(c:Customer)
       WHERE r.localId STARTS WITH 'p' OR r.localId STARTS WITH 'q'
       WITH c, collect(r.localId) AS members RETURN members`,
      { system },
    );
    const partition = records
      .map((r) => (r.get('members') as string[]).sort())
      .sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(partition).toEqual(
      [0, 1, 2, 3]
        .map((p) => [`p${p}`, `p${p + 4}`, `q${p}`, `q${p + 4}`].sort())
        .sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
  });
});
