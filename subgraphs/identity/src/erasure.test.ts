import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { uniqueSystem } from '@c360/kit/testing';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { IdentityErasure, tombstoneKey } from './erasure';
import { IdentityGraph, type Observation } from './graph';
import { matchKeysOf } from './matching/live';
import { migrate } from './migrations';
import { removeTestData } from './testing';

const logger = createLogger('silent');
let driver: Driver;

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  await migrate(driver);
});
afterAll(() => driver.close());

const made: { system: string; tag: string }[] = [];
afterEach(async () => {
  for (const f of made.splice(0)) {
    await removeTestData(driver, f.system, f.tag);
    await driver.executeQuery('UNWIND $keys AS key MATCH (t:ErasureTombstone {key: key}) DELETE t', {
      keys: ['a1', 'a2', 'b1'].map((id) => tombstoneKey(f.system, id)),
    });
  }
});

function fixture() {
  const system = uniqueSystem('erase');
  const tag = randomUUID().slice(0, 8);
  made.push({ system, tag });
  const email = (name: string) => ({ kind: 'EMAIL' as const, value: `${name}.${tag}@example.com` });
  const obs = (localId: string, identifiers: Observation['identifiers']): Observation => ({
    system,
    localId,
    identifiers,
    observedAt: '2026-01-01T00:00:00Z',
  });
  const cache = new MemoryCache();
  const changed: string[][] = [];
  const graph = new IdentityGraph(driver, cache, logger);
  const erasure = new IdentityErasure(driver, { cache, logger, onCustomersChanged: (ids) => changed.push(ids) });
  return { system, email, obs, cache, graph, erasure, changed };
}

describe('IdentityErasure', () => {
  it('deletes the customer, its records, identifiers and events, leaves tombstones, and tells the caches', async () => {
    const f = fixture();
    await f.graph.observe([f.obs('a1', [f.email('ann')]), f.obs('a2', [f.email('ann'), f.email('ann.work')])]);
    await f.graph.observe([f.obs('b1', [f.email('bob')])]);
    const ann = (await f.graph.customerIdByIdentifier(f.email('ann')))!;
    const bob = (await f.graph.customerIdByIdentifier(f.email('bob')))!;
    await f.graph.customers([ann]);
    expect(await f.cache.get(`identity:customer:${ann}`)).toBeDefined();

    const plan = (await f.erasure.plan(ann))!;
    expect(plan).toEqual({
      customerId: ann,
      customerIds: [ann],
      records: [
        { system: f.system, localId: 'a1' },
        { system: f.system, localId: 'a2' },
      ],
    });
    const result = await f.erasure.erase({ erasureId: 'job-1', customerIds: plan.customerIds, records: [] });
    expect(result).toMatchObject({ customerIds: [ann], identifiersDeleted: 2 });
    expect(result.records.map((r) => r.localId).sort()).toEqual(['a1', 'a2']);
    expect(result.eventsDeleted).toBeGreaterThan(0);
    expect(f.changed).toEqual([[ann]]);

    expect(await f.graph.customerIdByIdentifier(f.email('ann'))).toBeNull();
    expect(await f.graph.customers([ann])).toEqual([null]);
    expect(await f.cache.get(`identity:customer:${ann}`)).toBeUndefined();
    const { records } = await driver.executeQuery(
      `MATCH (r:SourceRecord {system: $system}) RETURN r.localId AS id
       UNION ALL MATCH (e:IdentityEvent {system: $system}) WHERE e.localId IN ['a1', 'a2'] RETURN e.localId AS id
       UNION ALL MATCH (i:Identifier) WHERE i.value IN $values RETURN i.value AS id
       UNION ALL MATCH (t:ErasureTombstone) WHERE t.key IN $keys RETURN t.erasureId AS id`,
      {
        system: f.system,
        values: [f.email('ann').value, f.email('ann.work').value],
        keys: [tombstoneKey(f.system, 'a1'), tombstoneKey(f.system, 'a2')],
      },
    );
    // Only the other person's record is left, and one tombstone per erased record, naming the job.
    expect(records.map((r) => r.get('id')).sort()).toEqual(['b1', 'job-1', 'job-1']);
    expect(await f.graph.customerIdByIdentifier(f.email('bob'))).toBe(bob);

    // A replayed feed does not bring the records back; a new record of the same person's email is not
    // blocked (tombstones name records, not identifiers): it is a new customer.
    const replay = await f.graph.observe([f.obs('a1', [f.email('ann')]), f.obs('a2', [f.email('ann')])]);
    expect(replay.size).toBe(0);
    expect(await f.graph.customerIdByIdentifier(f.email('ann'))).toBeNull();

    // Erasing again is nothing to do.
    const again = await f.erasure.erase({
      erasureId: 'job-1',
      customerIds: [ann],
      records: plan.records,
    });
    expect(again).toMatchObject({ identifiersDeleted: 0, eventsDeleted: 0 });
    expect(await f.erasure.plan(ann)).toBeNull();
  });

  it('keeps an identifier that another person’s record also holds', async () => {
    const f = fixture();
    const shared = f.email('family');
    await f.graph.observe([f.obs('a1', [f.email('ann'), shared])]);
    await f.graph.observe([f.obs('b1', [f.email('bob')])]);
    const ann = (await f.graph.customerIdByIdentifier(f.email('ann')))!;
    await f.graph.observe([f.obs('b1', [f.email('bob'), shared])]);
    // b1 joined ann through the shared email; erasing the record b1 alone keeps the email a1 still holds.
    const result = await f.erasure.erase({
      erasureId: 'job-2',
      customerIds: [],
      records: [{ system: f.system, localId: 'b1' }],
    });
    expect(result.records).toEqual([{ system: f.system, localId: 'b1' }]);
    expect(result.identifiersDeleted).toBe(1);
    expect(await f.graph.customerIdByIdentifier(shared)).toBe(ann);
    expect(await f.graph.customerIdByIdentifier(f.email('bob'))).toBeNull();
  });

  it('leaves no trace of probabilistic matching: review pairs and the blocks only the erased records were in', async () => {
    const f = fixture();
    // Letters only, so that no other test's records share these blocks.
    const family = `Erase${f.system.replace(/[^a-z]/g, '')}`;
    const matchOf = (givenName: string) => matchKeysOf({ givenName, familyName: family, country: 'DE' });
    // One name, two emails: a pair the matcher scores between its thresholds, so it waits for review.
    await f.graph.observe([
      { ...f.obs('a1', [f.email('lena')]), match: matchOf('Lena') },
      { ...f.obs('a2', [f.email('lmul')]), match: matchOf('Lena') },
    ]);
    const traces = async () => {
      const { records } = await driver.executeQuery(
        `MATCH (r:SourceRecord {system: $system})
         OPTIONAL MATCH (m:MatchReview)-[:CONCERNS]->(r)
         OPTIONAL MATCH (r)-[:IN_BLOCK]->(b:MatchBlock)
         RETURN count(DISTINCT m) AS reviews, collect(DISTINCT b.key) AS blocks`,
        { system: f.system },
      );
      return { reviews: records[0]!.get('reviews') as number, blocks: records[0]!.get('blocks') as string[] };
    };
    const before = await traces();
    expect(before.reviews).toBe(1);
    expect(before.blocks.length).toBeGreaterThan(0);
    const customers = new Set([
      await f.graph.customerIdOfRecord(f.system, 'a1'),
      await f.graph.customerIdOfRecord(f.system, 'a2'),
    ]);
    for (const id of customers) {
      const plan = (await f.erasure.plan(id!))!;
      await f.erasure.erase({ erasureId: 'job-3', customerIds: [id!], records: plan.records });
    }
    const { records } = await driver.executeQuery(
      `OPTIONAL MATCH (m:MatchReview) WHERE m.pair CONTAINS $system
       WITH count(m) AS reviews
       UNWIND $blocks AS key OPTIONAL MATCH (b:MatchBlock {key: key})
       RETURN reviews, count(b) AS blocks`,
      { system: f.system, blocks: before.blocks },
    );
    expect({ reviews: records[0]!.get('reviews'), blocks: records[0]!.get('blocks') }).toEqual({
      reviews: 0,
      blocks: 0,
    });
  });
});
