import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { MemoryCache, RedisCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { uniqueSystem } from '@c360/kit/testing';
import { TEST_ENV, TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { IdentityGraph, type Observation } from './graph';
import { migrate } from './migrations';
import { nameKey } from './rules';
import { recording, removeTestData } from './testing';
import { checkIdentityGraph } from './check';

const logger = createLogger('silent');
const REDIS_URL = TEST_ENV.REDIS_URL!;
let driver: Driver;

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  await migrate(driver);
});
afterAll(() => driver.close());

/** A graph over a fresh cache, with a source name and identifier values of its own. */
function fixture() {
  const system = uniqueSystem();
  const tag = randomUUID().slice(0, 8);
  const email = (name: string) => ({ kind: 'EMAIL' as const, value: `${name}.${tag}@example.com` });
  const phone = (n: number) => ({
    kind: 'PHONE' as const,
    value: `+336${tag.replace(/\D/g, '').padEnd(4, '1').slice(0, 4)}${String(n).padStart(4, '0')}`,
  });
  const obs = (
    localId: string,
    identifiers: Observation['identifiers'],
    observedAt = '2026-01-01T00:00:00Z',
  ): Observation => ({
    system,
    localId,
    identifiers,
    observedAt,
  });
  const cache = new MemoryCache();
  const graph = new IdentityGraph(driver, cache, logger);
  return { system, tag, email, phone, obs, graph, cache };
}

/** Fixtures made by `make()` in a describe block are removed after each of its tests. */
function trackFixtures() {
  const made: { system: string; tag: string }[] = [];
  afterEach(async () => {
    for (const f of made.splice(0)) await removeTestData(driver, f.system, f.tag);
  });
  return () => {
    const f = fixture();
    made.push(f);
    return f;
  };
}

async function counts(system: string) {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system})
     OPTIONAL MATCH (r)-[:HAS]->(i:Identifier)
     OPTIONAL MATCH (r)-[b:BELONGS_TO]->(c:Customer)
     RETURN count(DISTINCT r) AS records, count(DISTINCT i) AS identifiers, count(DISTINCT c) AS customers, count(DISTINCT b) AS links`,
    { system },
  );
  return records[0]!.toObject();
}

describe('IdentityGraph (real Neo4j)', () => {
  const make = trackFixtures();

  it('links records that share a normalised email into one customer, and keeps others apart', async () => {
    const { obs, email, phone, graph } = make();
    const result = await graph.observe([
      obs('a', [email('ann'), phone(1)]),
      obs('b', [email('ann')]),
      obs('c', [email('bob')]),
    ]);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => [...result.entries()].find(([k]) => k.endsWith(`\u0000${id}`))![1]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const [ann] = await graph.customers([a!]);
    expect(ann).toEqual({
      id: a,
      identifiers: [email('ann'), phone(1)],
      sourceRecords: [
        { system: expect.any(String), localId: 'a' },
        { system: expect.any(String), localId: 'b' },
      ],
    });
    expect(await graph.customerIdByIdentifier(phone(1))).toBe(a);
  });

  it('is idempotent: replaying the same observations changes nothing', async () => {
    const { obs, email, phone, graph, system } = make();
    const batch = [obs('a', [email('ann'), phone(1)]), obs('b', [phone(1)]), obs('c', [email('cy')])];
    const first = await graph.observe(batch);
    const before = await counts(system);
    const replay = await graph.observe(batch);
    expect(replay).toEqual(first);
    expect(await counts(system)).toEqual(before);
    expect(before).toEqual({ records: 3, identifiers: 3, customers: 2, links: 3 });
  });

  it('merges two customers when a record bridges them: the larger keeps its id, the other redirects', async () => {
    const { obs, email, graph, system } = make();
    const first = await graph.observe([
      obs('a1', [email('ann')]),
      obs('a2', [email('ann')]),
      obs('b1', [email('bea')]),
    ]);
    const annId = [...first.values()][0]!;
    const beaId = [...first.values()][2]!;
    expect(annId).not.toBe(beaId);
    const bridged = await graph.observe([obs('x', [email('ann'), email('bea')], '2026-01-02T00:00:00Z')]);
    expect([...bridged.values()]).toEqual([annId]);
    const [viaOld, viaSurvivor] = await graph.customers([beaId, annId]);
    expect(viaOld?.id).toBe(annId);
    expect(viaSurvivor?.sourceRecords.map((r) => r.localId)).toEqual(['a1', 'a2', 'b1', 'x']);
    expect(await counts(system)).toMatchObject({ records: 4, customers: 1 });
  });

  it("reads many customers' source records for a scan as Customer.sourceRecords does, without the cache", async () => {
    const { obs, email, graph, cache } = make();
    const first = await graph.observe([obs('a1', [email('ann')]), obs('b1', [email('bea')]), obs('c1', [email('cy')])]);
    const [annId, beaId, cyId] = [...first.values()] as [string, string, string];
    await graph.observe([obs('x', [email('ann'), email('bea')], '2026-01-02T00:00:00Z')]);
    const get = jest.spyOn(cache, 'get');
    const getMany = jest.spyOn(cache, 'getMany');
    const set = jest.spyOn(cache, 'set');
    const unknown = randomUUID();
    // A merged-away id reads its survivor's records; an unknown (erased) one none; answers in the order asked.
    const scanned = await graph.sourceRecordsOf([cyId, beaId, unknown, annId]);
    expect([get, getMany, set].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0]);
    const looked = await graph.customers([cyId, beaId, unknown, annId]);
    expect(scanned).toEqual(looked.map((c) => c?.sourceRecords ?? []));
    expect(scanned[1]!.map((r) => r.localId)).toEqual(['a1', 'b1', 'x']);
    expect(await graph.sourceRecordsOf([])).toEqual([]);
  });

  it('splits a customer when the record that bridged it loses the shared identifier; the larger part keeps the id', async () => {
    const { obs, email, graph } = make();
    const result = await graph.observe([
      obs('a1', [email('ann')]),
      obs('a2', [email('ann')]),
      obs('bridge', [email('ann'), email('bea')]),
      obs('b1', [email('bea')]),
    ]);
    const id = [...result.values()][0]!;
    expect(new Set(result.values()).size).toBe(1);
    // The bridge record now holds only bea's email: ann's part (a1, a2) and bea's part (bridge, b1) are two people.
    await graph.observe([obs('bridge', [email('bea')], '2026-02-01T00:00:00Z')]);
    const [customer] = await graph.customers([id]);
    expect(customer?.sourceRecords.map((r) => r.localId).sort()).toEqual(['a1', 'a2']);
    const beaId = await graph.customerIdByIdentifier(email('bea'));
    expect(beaId).not.toBe(id);
    const [bea] = await graph.customers([beaId!]);
    expect(bea?.sourceRecords.map((r) => r.localId).sort()).toEqual(['b1', 'bridge']);
  });

  it('ignores an observation older than the one already applied (out-of-order feeds)', async () => {
    const { obs, email, graph } = make();
    await graph.observe([obs('a', [email('new')], '2026-03-01T00:00:00Z')]);
    await graph.observe([obs('a', [email('old')], '2026-01-01T00:00:00Z')]);
    expect(await graph.customerIdByIdentifier(email('old'))).toBeNull();
    expect(await graph.customerIdByIdentifier(email('new'))).not.toBeNull();
  });

  it('invalidates cached lookups when a merge changes the customer of an identifier', async () => {
    const { obs, email, graph } = make();
    await graph.observe([obs('b1', [email('bea')]), obs('b2', [email('bea')]), obs('a1', [email('ann')])]);
    const annBefore = await graph.customerIdByIdentifier(email('ann'));
    const beaId = await graph.customerIdByIdentifier(email('bea'));
    expect(annBefore).not.toBe(beaId);
    await graph.observe([obs('x', [email('ann'), email('bea')], '2026-01-05T00:00:00Z')]);
    expect(await graph.customerIdByIdentifier(email('ann'))).toBe(beaId);
    const [merged] = await graph.customers([annBefore!]);
    expect(merged?.id).toBe(beaId);
  });

  it('returns null for unknown customers and identifiers', async () => {
    const { graph, email } = make();
    expect(await graph.customers([randomUUID()])).toEqual([null]);
    expect(await graph.customerIdByIdentifier(email('nobody'))).toBeNull();
  });

  it('keeps one Identifier node and one customer under concurrent overlapping observations', async () => {
    const { obs, email, graph, system } = make();
    // Two graph instances share nothing in process, like two identity replicas.
    const other = new IdentityGraph(driver, new MemoryCache(), logger);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? graph : other).observe([obs(`r${i}`, [email('shared')])])),
    );
    const { records } = await driver.executeQuery(
      'MATCH (i:Identifier {kind: "EMAIL", value: $value}) RETURN count(i) AS n',
      { value: email('shared').value },
    );
    expect(records[0]!.get('n')).toBe(1);
    expect(await counts(system)).toMatchObject({ records: 12, identifiers: 1 });
  });
});

/** Record localIds grouped by customer, sorted: a partition to compare across graphs whose customer ids differ. */
async function partition(system: string): Promise<string[][]> {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system})-[:BELONGS_TO]->(c:Customer)
     WITH c, r ORDER BY r.localId
     WITH c, collect(r.localId) AS members
     RETURN members ORDER BY members[0]`,
    { system },
  );
  return records.map((r) => r.get('members') as string[]);
}

/** Everything ingestion writes for a source: nodes, links, events and record times. */
async function footprint(system: string) {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system})
     OPTIONAL MATCH (r)-[h:HAS]->(:Identifier)
     OPTIONAL MATCH (r)-[b:BELONGS_TO]->(c:Customer)
     WITH collect(DISTINCT r) AS rs, count(DISTINCT h) AS has, count(DISTINCT b) AS belongs,
          collect(DISTINCT c.id) AS customers
     OPTIONAL MATCH (e:IdentityEvent {system: $system})
     RETURN size(rs) AS records, has, belongs, customers, count(e) AS recordEvents,
            [r IN rs | r.localId + '@' + toString(r.lastObservedAt)] AS times`,
    { system },
  );
  const row = records[0]!.toObject();
  const { records: events } = await driver.executeQuery(
    'MATCH (e:IdentityEvent) WHERE e.customerId IN $ids OR e.mergedCustomerId IN $ids RETURN count(e) AS n',
    { ids: row.customers },
  );
  return {
    ...row,
    customers: (row.customers as string[]).sort(),
    times: (row.times as string[]).sort(),
    customerEvents: events[0]!.get('n'),
  };
}

describe('IdentityGraph batches (real Neo4j)', () => {
  const make = trackFixtures();

  /**
   * Records that reach each other only within the batch: chains through
   * email and phone, a bridge merging two people, an anonymous cookie
   * stitched by a login, a cookie shared by two known people, a block-listed
   * value and a value on more records than its kind allows.
   */
  function scenario(f: ReturnType<typeof fixture>, limit: number) {
    const { obs, email, phone, tag } = f;
    const cookie = (n: number) => ({ kind: 'COOKIE' as const, value: `ck-${tag}-${n}` });
    const family = email('family');
    return [
      obs('a1', [email('ann'), phone(1)], '2026-01-01T00:00:01Z'),
      obs('a2', [phone(1)], '2026-01-01T00:00:02Z'),
      obs('a3', [phone(1), email('ann.work')], '2026-01-01T00:00:03Z'),
      obs('b1', [email('bea')], '2026-01-01T00:00:04Z'),
      obs('bridge', [email('ann.work'), email('bea')], '2026-01-01T00:00:05Z'),
      obs('visit', [cookie(1)], '2026-01-01T00:00:06Z'),
      obs('login', [cookie(1), email('cy')], '2026-01-01T00:00:07Z'),
      obs('dan', [cookie(2), email('dan')], '2026-01-01T00:00:08Z'),
      obs('eve', [cookie(2), email('eve')], '2026-01-01T00:00:09Z'),
      obs('t1', [{ kind: 'EMAIL', value: 'test@test.com' }, email('t1')], '2026-01-01T00:00:10Z'),
      obs('t2', [{ kind: 'EMAIL', value: 'test@test.com' }, email('t2')], '2026-01-01T00:00:11Z'),
      ...Array.from({ length: limit + 1 }, (_, i) =>
        obs(`f${String(i).padStart(2, '0')}`, [family], `2026-01-01T00:01:${String(i).padStart(2, '0')}Z`),
      ),
    ];
  }

  it('gives the customers of one-by-one ingestion when the records of a batch join each other', async () => {
    const [batched, single] = [make(), make()];
    const limit = batched.graph.rules.kinds.EMAIL.maxRecords;
    await batched.graph.observe(scenario(batched, limit));
    for (const o of scenario(single, limit)) await single.graph.observe([o]);

    const expected = [
      ['a1', 'a2', 'a3', 'b1', 'bridge'],
      ['dan'],
      ['eve'],
      ...Array.from({ length: limit + 1 }, (_, i) => [`f${String(i).padStart(2, '0')}`]),
      ['login', 'visit'],
      ['t1'],
      ['t2'],
    ];
    expect(await partition(batched.system)).toEqual(expected);
    expect(await partition(single.system)).toEqual(expected);
    const blocked = await batched.graph.blockedIdentifiers(1000);
    expect(blocked).toContainEqual(
      expect.objectContaining({ ...batched.email('family'), reason: 'too-many-records', records: limit + 1 }),
    );
    expect(blocked).toContainEqual(
      expect.objectContaining({ kind: 'EMAIL', value: 'test@test.com', reason: 'block-list' }),
    );
    // Every record has its assignment in the audit trail, whichever way it arrived.
    const history = await batched.graph.history((await batched.graph.customerIdOfRecord(batched.system, 'bridge'))!);
    expect(
      history
        .filter((e) => e.type === 'assign')
        .map((e) => e.record?.localId)
        .sort(),
    ).toEqual(['a1', 'a2', 'a3', 'b1', 'bridge']);
  });

  it("reads the records around a page once per round of locking: the batch, its identifiers' holders and their customers in one statement", async () => {
    const f = make();
    const { obs, email, phone, system } = f;
    await f.graph.observe([obs('a1', [email('ann'), phone(1)]), obs('a2', [phone(1)]), obs('b1', [email('bea')])]);
    const [ca, cb] = [await f.graph.customerIdOfRecord(system, 'a1'), await f.graph.customerIdOfRecord(system, 'b1')];
    const statements: { query: string; params: Record<string, unknown> }[] = [];
    // The slow path (the fast path settles these two records without reading around them: see the next test).
    const graph = new IdentityGraph(recording(driver, statements), new MemoryCache(), logger, { fastPath: false });
    const assigned = await graph.observe([obs('n1', [email('ann')]), obs('n2', [email('bea')])]);
    expect([assigned.get(`${system}\u0000n1`), assigned.get(`${system}\u0000n2`)]).toEqual([ca, cb]);

    // Round 1 reads the batch, a1 and b1 (holding its emails) and a2 (a1's customer's) in one statement, locks
    // both customers, and round 2 reads them all again in one statement, under the locks. The closure used to be
    // read level by level: the batch, then the holders with their customers, in each round (four statements).
    const reads = statements.filter((st) => /UNWIND \$around AS k/.test(st.query));
    const locks = statements.filter((st) => /MATCH \(c:Customer \{id: id\}\) SET c\._lock/.test(st.query));
    expect(reads).toHaveLength(2);
    expect(locks.map((st) => st.params.ids)).toEqual([[ca, cb].sort()]);
    expect(statements.indexOf(reads[0]!)).toBeLessThan(statements.indexOf(locks[0]!));
    expect(statements.indexOf(locks[0]!)).toBeLessThan(statements.indexOf(reads[1]!));
    // The second read asks again for every record the first one found around the batch.
    const around = (st: { params: Record<string, unknown> }) =>
      (st.params.around as [string, string][]).map(([, localId]) => localId).sort();
    expect(around(reads[1]!)).toEqual(expect.arrayContaining(['a1', 'a2', 'b1']));
  });

  it('settles new records that join no customer or one without reading around them: one lock statement, no closure read', async () => {
    const f = make();
    const { obs, email, phone, system } = f;
    await f.graph.observe([obs('a1', [email('ann'), phone(1)]), obs('a2', [phone(1)]), obs('b1', [email('bea')])]);
    const [ca, cb] = [await f.graph.customerIdOfRecord(system, 'a1'), await f.graph.customerIdOfRecord(system, 'b1')];
    const statements: { query: string; params: Record<string, unknown> }[] = [];
    const graph = new IdentityGraph(recording(driver, statements), new MemoryCache(), logger);
    const assigned = await graph.observe([
      obs('n1', [email('ann')]),
      obs('n2', [email('bea'), phone(2)]),
      obs('x1', [email('xia')]),
      obs('x2', [email('xia'), phone(3)]),
    ]);
    const of = (id: string) => assigned.get(`${system}\u0000${id}`);
    expect([of('n1'), of('n2')]).toEqual([ca, cb]);
    expect(of('x1')).toBe(of('x2'));
    expect([ca, cb]).not.toContain(of('x1'));
    expect(graph.writeStats.fastPathRecords).toBe(4);

    // Read the batch, claim it, lock the two customers joined (reading their records under the lock), write.
    expect(statements.filter((st) => /UNWIND \$around AS k/.test(st.query))).toEqual([]);
    const locks = statements.filter((st) => /MATCH \(c:Customer \{id: id\}\)\s+SET c\._lock/.test(st.query));
    expect(locks.map((st) => st.params.ids)).toEqual([[ca, cb].sort()]);
    expect(statements.length).toBeLessThanOrEqual(8);
    const [ann] = await f.graph.customers([ca!]);
    expect(ann!.sourceRecords.map((r) => r.localId).sort()).toEqual(['a1', 'a2', 'n1']);
    expect(
      (await f.graph.history(ca!))
        .filter((e) => e.type === 'assign')
        .map((e) => e.record?.localId)
        .sort(),
    ).toEqual(['a1', 'a2', 'n1']);
  });

  it('a new record another writer creates while this one waits on its claim is not created again by the fast path', async () => {
    const f = make();
    const { obs, email, system } = f;
    const statements: { query: string; params: Record<string, unknown> }[] = [];
    const second = new IdentityGraph(recording(driver, statements), new MemoryCache(), logger);
    const page = [obs('r1', [email('rae')]), obs('r2', [email('rae')]), obs('s1', [email('sol')])];
    let waiting: Promise<Map<string, string>> | undefined;
    // The first writer holds its new records (uncommitted) until the second has read them as absent and sent its
    // claim, which then waits for the first to commit: the second's first read said new, the claim says not.
    const first = await f.graph.observe(page.slice(0, 2), undefined, {
      inTransaction: async () => {
        waiting = second.observe(page);
        while (!statements.some((st) => /MERGE \(r:SourceRecord/.test(st.query))) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
    });
    const after = await waiting!;
    expect(after.get(`${system}\u0000r1`)).toBe(first.get(`${system}\u0000r1`));
    expect(after.get(`${system}\u0000r2`)).toBe(first.get(`${system}\u0000r1`));
    expect(second.writeStats.fastPathRecords).toBe(1);
    expect((await checkIdentityGraph(driver, { systems: [system] })).filter((c) => c.violations > 0)).toEqual([]);
    expect(await partition(system)).toEqual([['r1', 'r2'], ['s1']]);
  });

  it("gives the slow path's customers for a page mixing new people, joins, a merge, a guard-limited value, an update, an unlinked holder and a weak kind", async () => {
    const [fast, slow] = [make(), make()];
    slow.graph = new IdentityGraph(driver, slow.cache, logger, { fastPath: false });
    const limit = fast.graph.rules.kinds.EMAIL.maxRecords;
    const maxEmails = fast.graph.rules.kinds.EMAIL.maxPerCustomer;
    const page = (f: typeof fast) => {
      const { obs, email, phone, tag } = f;
      const cookie = { kind: 'COOKIE' as const, value: `ck-${tag}` };
      const before = [
        obs('a1', [email('ann'), phone(1)], '2026-01-01T00:00:01Z'),
        obs('a2', [phone(1)], '2026-01-01T00:00:02Z'),
        obs('b1', [email('bea')], '2026-01-01T00:00:03Z'),
        obs('c1', [email('cy')], '2026-01-01T00:00:04Z'),
        obs('d1', [email('dan')], '2026-01-01T00:00:05Z'),
        obs('e1', [email('eve'), cookie], '2026-01-01T00:00:06Z'),
        // A customer holding as many emails as one may: one more is refused.
        obs(
          'h1',
          Array.from({ length: maxEmails }, (_, i) => email(`h${i}`)),
          '2026-01-01T00:00:07Z',
        ),
        // The family email on as many records (of one customer) as its kind allows: one more blocks it.
        ...Array.from({ length: limit }, (_, i) =>
          obs(`f${String(i).padStart(2, '0')}`, [email('family')], '2026-01-01T00:00:08Z'),
        ),
      ];
      const after = [
        obs('n1', [email('new1')], '2026-01-02T00:00:01Z'),
        obs('n2', [email('new1'), phone(9)], '2026-01-02T00:00:02Z'),
        obs('j1', [email('ann'), phone(8)], '2026-01-02T00:00:03Z'),
        obs('m1', [email('bea'), email('cy')], '2026-01-02T00:00:04Z'),
        obs('g1', [email('family'), email('g1')], '2026-01-02T00:00:05Z'),
        obs('a2', [phone(1), email('ann2')], '2026-01-02T00:00:06Z'),
        obs('u1', [email('ann2')], '2026-01-02T00:00:07Z'),
        obs('p1', [email('dan')], '2026-01-02T00:00:08Z'),
        obs('w1', [cookie, email('wes')], '2026-01-02T00:00:09Z'),
        obs('h2', [email('h0'), email('h-other')], '2026-01-02T00:00:10Z'),
      ];
      return { before, after };
    };
    for (const f of [fast, slow]) {
      const { before, after } = page(f);
      await f.graph.observe(before);
      await f.graph.unlinkRecord(f.system, 'd1', { name: 'test' });
      await f.graph.observe(after);
    }
    // The fast path settled n1, n2 and j1 only; the rest went the slow way.
    expect(fast.graph.writeStats.fastPathRecords - limit - 7).toBe(3);
    expect(slow.graph.writeStats.fastPathRecords).toBe(0);
    const expected = await partition(slow.system);
    expect(await partition(fast.system)).toEqual(expected);
    expect(expected).toEqual(
      expect.arrayContaining([
        ['a1', 'a2', 'j1', 'u1'],
        ['b1', 'c1', 'm1'],
        ['d1'],
        ['e1'],
        ['h1'],
        ['h2'],
        ['n1', 'n2'],
        ['p1'],
        ['w1'],
        ['g1'],
        ['f00'],
      ]),
    );
    const blocked = async (f: typeof fast) =>
      (await f.graph.blockedIdentifiersOf((await f.graph.customerIdOfRecord(f.system, 'g1'))!)).map((b) => b.reason);
    expect(await blocked(fast)).toEqual(await blocked(slow));
    expect(await blocked(fast)).toEqual(['too-many-records']);
    for (const f of [fast, slow]) {
      expect((await checkIdentityGraph(driver, { systems: [f.system] })).filter((c) => c.violations > 0)).toEqual([]);
    }
  });

  it('changes nothing when a batch is replayed, whole, split or in another order', async () => {
    const f = make();
    const batch = scenario(f, f.graph.rules.kinds.EMAIL.maxRecords);
    const first = await f.graph.observe(batch);
    const before = await footprint(f.system);
    expect(await f.graph.observe(batch)).toEqual(first);
    await f.graph.observe([...batch].reverse().slice(0, 7));
    await f.graph.observe(batch.slice(7));
    expect(await footprint(f.system)).toEqual(before);
  });

  it('moves the watermark of a record observed again unchanged, without a new decision', async () => {
    const { obs, email, graph, system } = make();
    await graph.observe([obs('a', [email('ann')], '2026-01-01T00:00:00Z'), obs('b', [email('ann')])]);
    const before = await footprint(system);
    await graph.observe([obs('a', [email('ann')], '2026-03-01T00:00:00Z')]);
    const after = await footprint(system);
    expect(after).toEqual({ ...before, times: expect.any(Array) });
    expect(after.times).toContain('a@2026-03-01T00:00:00Z');
  });

  it('applies a batch mixing new records, changed records and records observed as they were', async () => {
    const { obs, email, graph, system } = make();
    await graph.observe([
      obs('a1', [email('ann')]),
      obs('a2', [email('ann'), email('bea')]),
      obs('b1', [email('bea')]),
      obs('c1', [email('cy')]),
    ]);
    const annId = await graph.customerIdOfRecord(system, 'a1');
    // a2 loses bea's email (a split), c1 is unchanged, n1 is new and joins cy; a1 is an older observation.
    const result = await graph.observe([
      obs('a1', [email('zed')], '2025-12-01T00:00:00Z'),
      obs('a2', [email('ann')], '2026-02-01T00:00:00Z'),
      obs('c1', [email('cy')]),
      obs('n1', [email('cy')], '2026-02-01T00:00:00Z'),
    ]);
    expect(await partition(system)).toEqual([['a1', 'a2'], ['b1'], ['c1', 'n1']]);
    expect(result.get(`${system}\u0000a1`)).toBe(annId);
    expect(result.get(`${system}\u0000c1`)).toBe(result.get(`${system}\u0000n1`));
    expect(await graph.customerIdByIdentifier(email('zed'))).toBeNull();
    const [ann] = await graph.customers([annId!]);
    expect(ann?.identifiers).toEqual([email('ann')]);
    expect(await graph.customerIdAt(email('bea'), new Date())).toBe(await graph.customerIdOfRecord(system, 'b1'));
  });
});

describe('IdentityGraph guards, manual decisions and explain (real Neo4j)', () => {
  const make = trackFixtures();
  const customerOf = async (graph: IdentityGraph, system: string, localId: string) =>
    graph.customerIdOfRecord(system, localId);

  it('blocks a value seen on more records than its kind allows and splits what it had joined, reporting it', async () => {
    const { obs, email, graph, system } = make();
    const family = email('family');
    const limit = graph.rules.kinds.EMAIL.maxRecords;
    await graph.observe(Array.from({ length: limit }, (_, i) => obs(`m${i}`, [family])));
    expect(
      new Set(await Promise.all(Array.from({ length: limit }, (_, i) => customerOf(graph, system, `m${i}`)))).size,
    ).toBe(1);
    // One more record with the family email crosses the limit: nobody is linked by it any more.
    await graph.observe([obs('extra', [family])]);
    const customers = await Promise.all(
      [...Array.from({ length: limit }, (_, i) => `m${i}`), 'extra'].map((id) => customerOf(graph, system, id)),
    );
    expect(new Set(customers).size).toBe(limit + 1);
    const blocked = await graph.blockedIdentifiers(1000);
    expect(blocked).toContainEqual(
      expect.objectContaining({ ...family, reason: 'too-many-records', records: limit + 1 }),
    );
    expect(await graph.customerIdByIdentifier(family)).toBeNull();
  });

  it('blocks a value seen with more different names than its kind allows (a shared mailbox)', async () => {
    const { obs, email, graph, system } = make();
    const shared = email('info');
    const named = (localId: string, name: string) => ({ ...obs(localId, [shared]), nameKey: nameKey(name) });
    await graph.observe([named('a', 'Ann Lee'), named('b', 'LEE, Ann'), named('c', 'Bob Ray'), named('d', 'Cy Fox')]);
    // Three distinct names (Ann Lee twice, spelled differently) is within the default of 3: still linked.
    expect(new Set(await Promise.all(['a', 'b', 'c', 'd'].map((id) => customerOf(graph, system, id)))).size).toBe(1);
    await graph.observe([named('e', 'Dee Kay')]);
    expect(new Set(await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => customerOf(graph, system, id)))).size).toBe(
      5,
    );
    expect(await graph.blockedIdentifiers(1000)).toContainEqual(
      expect.objectContaining({ ...shared, reason: 'too-many-names', records: 5 }),
    );
  });

  it('never links through block-listed values such as test@test.com', async () => {
    const { obs, graph, system } = make();
    await graph.observe([
      obs('a', [{ kind: 'EMAIL', value: 'test@test.com' }]),
      obs('b', [{ kind: 'EMAIL', value: 'test@test.com' }]),
    ]);
    expect(await customerOf(graph, system, 'a')).not.toBe(await customerOf(graph, system, 'b'));
    expect(await graph.blockedIdentifiers(1000)).toContainEqual(
      expect.objectContaining({ kind: 'EMAIL', value: 'test@test.com', reason: 'block-list' }),
    );
  });

  it('keeps an anonymous cookie visitor apart until a login stitches it to the known customer', async () => {
    const { obs, email, tag, graph, system } = make();
    const cookie = { kind: 'COOKIE' as const, value: `ck-${tag}-0001` };
    await graph.observe([
      obs('visit', [cookie], '2026-01-01T00:00:00Z'),
      obs('crm', [email('ann')], '2026-01-01T00:00:00Z'),
    ]);
    const anonymousId = await customerOf(graph, system, 'visit');
    expect(anonymousId).not.toBe(await customerOf(graph, system, 'crm'));
    await graph.observe([obs('login', [cookie, email('ann')], '2026-01-02T00:00:00Z')]);
    const stitched = await customerOf(graph, system, 'visit');
    expect(stitched).toBe(await customerOf(graph, system, 'crm'));
    expect((await graph.customers([anonymousId!]))[0]?.id).toBe(stitched);
  });

  it('does not merge two logged-in people who share a cookie', async () => {
    const { obs, email, tag, graph, system } = make();
    const cookie = { kind: 'COOKIE' as const, value: `ck-${tag}-0002` };
    await graph.observe([obs('ann', [cookie, email('ann')]), obs('bob', [cookie, email('bob')])]);
    expect(await customerOf(graph, system, 'ann')).not.toBe(await customerOf(graph, system, 'bob'));
  });

  it('merges customers by hand with an explained, audited link, and unlinks a record again', async () => {
    const { obs, email, graph, system } = make();
    await graph.observe([obs('a1', [email('ann')]), obs('a2', [email('ann')]), obs('b1', [email('bea')])]);
    const [ann, bea] = [await customerOf(graph, system, 'a1'), await customerOf(graph, system, 'b1')];
    const survivor = await graph.mergeCustomers([bea!, ann!], {
      name: 'steward-1',
      reason: 'same person, verified by phone',
    });
    expect(survivor).toBe(ann);
    expect((await graph.customers([bea!]))[0]?.sourceRecords.map((r) => r.localId)).toEqual(['a1', 'a2', 'b1']);

    const links = await graph.links(ann!);
    expect(links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'deterministic:shared-identifier', identifier: email('ann'), confidence: 1 }),
        expect.objectContaining({
          rule: 'manual',
          identifier: null,
          actor: 'steward-1',
          reason: 'same person, verified by phone',
        }),
      ]),
    );
    const history = await graph.history(ann!);
    expect(history.map((e) => e.type)).toEqual(expect.arrayContaining(['assign', 'link', 'merge']));
    expect(history.find((e) => e.type === 'merge')).toMatchObject({
      customerId: ann,
      mergedCustomerId: bea,
      actor: 'steward-1',
    });

    // Unlinking b1 removes the manual link: b1 is on its own again, ann's cluster keeps its id.
    const after = await graph.unlinkRecord(system, 'b1', { name: 'steward-2', reason: 'wrong merge' });
    expect(after).not.toBe(ann);
    expect(await customerOf(graph, system, 'a1')).toBe(ann);
    expect((await graph.customers([after!]))[0]?.sourceRecords.map((r) => r.localId)).toEqual(['b1']);
    expect(await graph.unlinkRecord(system, 'missing', { name: 'x' })).toBeNull();
    await expect(graph.mergeCustomers([ann!, 'no-such-customer'], { name: 'x' })).rejects.toThrow(
      'Unknown customer id: no-such-customer',
    );
  });

  it('answers which customer an identifier belonged to at a point in time', async () => {
    const { obs, email, tag, graph, system } = make();
    const cookie = { kind: 'COOKIE' as const, value: `ck-${tag}-0003` };
    await graph.observe([obs('visit', [cookie]), obs('crm', [email('ann')]), obs('shop', [email('ann')])]);
    const anonymousId = await customerOf(graph, system, 'visit');
    await new Promise((r) => setTimeout(r, 20));
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await graph.observe([obs('login', [cookie, email('ann')], '2026-02-01T00:00:00Z')]);
    const annId = await customerOf(graph, system, 'crm');
    expect(annId).not.toBe(anonymousId);
    expect(await customerOf(graph, system, 'visit')).toBe(annId);
    expect(await graph.customerIdAt(cookie, before)).toBe(anonymousId);
    expect(await graph.customerIdAt(cookie, new Date())).toBe(annId);
    expect(await graph.customerIdAt(cookie, new Date('2000-01-01'))).toBeNull();
  });

  it('keeps the invariants under concurrent overlapping observations from several replicas', async () => {
    const { obs, email, phone, graph, system } = make();
    const replicas = [
      graph,
      new IdentityGraph(driver, new MemoryCache(), logger),
      new IdentityGraph(driver, new MemoryCache(), logger),
    ];
    // 30 records over 6 people; each person's records arrive on different replicas at once, chained by email and phone.
    const batches = Array.from({ length: 30 }, (_, i) => {
      const person = i % 6;
      return obs(`r${i}`, i % 2 ? [email(`p${person}`)] : [email(`p${person}`), phone(person)]);
    });
    await Promise.all(batches.map((o, i) => replicas[i % 3]!.observe([o])));
    const { records } = await driver.executeQuery(
      `MATCH (r:SourceRecord {system: $system})
       OPTIONAL MATCH (r)-[b:BELONGS_TO]->(c:Customer)
       RETURN r.localId AS id, count(b) AS links, collect(c.id)[0] AS customer`,
      { system },
    );
    expect(records).toHaveLength(30);
    // Every record in exactly one customer, and customers are exactly the people.
    expect(records.every((r) => r.get('links') === 1)).toBe(true);
    const byPerson = new Map<number, Set<string>>();
    for (const r of records) {
      const person = Number((r.get('id') as string).slice(1)) % 6;
      byPerson.set(person, (byPerson.get(person) ?? new Set()).add(r.get('customer')));
    }
    expect([...byPerson.values()].map((s) => s.size)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set([...byPerson.values()].map((s) => [...s][0])).size).toBe(6);
    const { records: ids } = await driver.executeQuery(
      'MATCH (i:Identifier) WHERE i.value CONTAINS $tag RETURN i.kind + i.value AS k, count(*) AS n',
      { tag: email('p0').value.split('.')[1]!.split('@')[0] },
    );
    expect(ids.every((r) => r.get('n') === 1)).toBe(true);
  });
});

describe('IdentityGraph caching in Redis (real Neo4j and Redis)', () => {
  const make = trackFixtures();

  it('invalidates across replicas that share Redis: a merge made by one is seen at once by the other', async () => {
    const f = make();
    const { obs, email, system } = f;
    const prefix = `test:${f.tag}:`;
    const [cacheA, cacheB] = [
      RedisCache.connect(REDIS_URL, logger, prefix),
      RedisCache.connect(REDIS_URL, logger, prefix),
    ];
    await Promise.all([cacheA.ready(), cacheB.ready()]);
    try {
      const a = new IdentityGraph(driver, cacheA, logger);
      const b = new IdentityGraph(driver, cacheB, logger);
      await a.observe([obs('x1', [email('xav')]), obs('x2', [email('xav')]), obs('y1', [email('yan')])]);
      const yan = await a.customerIdByIdentifier(email('yan'));
      expect(await cacheA.get(`identity:identifier:EMAIL|${email('yan').value}`)).toBe(yan);
      await a.customers([yan!]);
      await b.observe([obs('bridge', [email('xav'), email('yan')], '2026-01-03T00:00:00Z')]);
      const xav = await b.customerIdOfRecord(system, 'x1');
      expect(await a.customerIdByIdentifier(email('yan'))).toBe(xav);
      expect((await a.customers([yan!]))[0]?.id).toBe(xav);
    } finally {
      await cacheA.close();
      await cacheB.close();
    }
  });

  it('serves from Neo4j, without an error, while Redis is unreachable', async () => {
    const f = make();
    const dead = RedisCache.connect('redis://127.0.0.1:1', logger);
    try {
      const graph = new IdentityGraph(driver, dead, logger);
      await graph.observe([f.obs('a', [f.email('zoe')])]);
      const id = await graph.customerIdByIdentifier(f.email('zoe'));
      expect(id).not.toBeNull();
      expect((await graph.customers([id!]))[0]?.sourceRecords).toEqual([{ system: f.system, localId: 'a' }]);
    } finally {
      await dead.close();
    }
  });
});
