import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { generateSecret, signCaller } from '@c360/kit/auth';
import type { MatchAttributes } from '@c360/kit/feed';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL, uniqueSystem, type GraphQLResponse } from '@c360/kit/testing';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { startIdentitySubgraph, type IdentitySubgraph } from '..';
import { IdentityGraph, type Observation } from '../graph';
import { migrate } from '../migrations';
import { DEFAULT_RULES, resolutionRulesSchema } from '../rules';
import { recording, removeTestData } from '../testing';
import { matchKeysOf } from './live';

const logger = createLogger('silent');
let driver: Driver;

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  await migrate(driver);
});
afterAll(() => driver.close());

/** Letters only: family names of a test are its own, so no other test's records share their blocks. */
const letterTag = () =>
  randomUUID()
    .replace(/[^a-f0-9]/g, '')
    .slice(0, 10)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);

function fixture(graph?: IdentityGraph) {
  const system = uniqueSystem('match');
  const tag = letterTag();
  const family = (name: string) => `${name}${tag}`;
  const email = (local: string) => ({ kind: 'EMAIL' as const, value: `${local}.${tag}@example.com` });
  const obs = (
    localId: string,
    identifiers: Observation['identifiers'],
    match: MatchAttributes,
    observedAt = '2026-01-01T00:00:00Z',
  ): Observation => ({ system, localId, identifiers, observedAt, match: matchKeysOf(match) });
  const key = (localId: string) => `${system}\u0000${localId}`;
  return {
    system,
    tag,
    family,
    email,
    obs,
    key,
    graph: graph ?? new IdentityGraph(driver, new MemoryCache(), logger),
  };
}

const made: { system: string; tag: string }[] = [];
const make = (graph?: IdentityGraph) => {
  const f = fixture(graph);
  made.push(f);
  return f;
};
afterEach(async () => {
  for (const f of made.splice(0)) await removeTestData(driver, f.system, f.tag);
});

async function graphState(system: string) {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system})
     RETURN COUNT { (r)-[:SAME_AS]->() } AS links, COUNT { (r)<-[:CONCERNS]-(:MatchReview) } AS reviews,
            COUNT { MATCH (e:IdentityEvent {system: $system}) } AS events, r.matchFingerprint AS fingerprint`,
    { system },
  );
  return records.map((r) => r.toObject());
}

const PARIS = { street: '12 Rue de la Paix', city: 'Paris', postcode: '75002', country: 'FR' };

describe('matchKeysOf', () => {
  it('keeps normalised match keys only: folded names, ISO date, hashed street', () => {
    expect(
      matchKeysOf({
        givenName: ' Zoé ',
        familyName: 'DUPONT-Martin',
        dateOfBirth: '12/03/1980',
        street: '12, rue de la Paix',
        city: 'St Malo',
        postcode: '35 400',
        country: 'France',
      }),
    ).toEqual({
      given: 'zoe',
      family: 'dupont martin',
      full: null,
      dob: '1980-03-12',
      street: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      city: 'saint malo',
      postcode: '35400',
      country: 'FR',
    });
    // No name: nothing to match on (an email or phone alone is the deterministic rules' job).
    expect(matchKeysOf({ city: 'Paris', country: 'FR' })).toBeNull();
    expect(matchKeysOf(null)).toBeNull();
  });

  it('rejects invalid matching settings in a rules file, naming them', () => {
    const parsed = resolutionRulesSchema.safeParse({
      ...DEFAULT_RULES,
      matching: { thresholds: { upper: 3, lower: 5 }, guards: ['given name'], model: { lambda: 2, comparisons: {} } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'matching.thresholds',
      'matching.guards.0',
      'matching.model',
    ]);
    // Left out, every setting takes its default.
    expect(
      resolutionRulesSchema.parse({ kinds: DEFAULT_RULES.kinds, blockList: DEFAULT_RULES.blockList }).matching,
    ).toEqual({
      enabled: true,
      thresholds: { upper: 10, lower: 4 },
      maxBlockSize: 50,
      guards: ['given_name=different', 'date_of_birth=different'],
    });
  });
});

describe('live probabilistic matching (real Neo4j)', () => {
  it('links a typo’d email at the same address automatically, with the score breakdown in identityLinks', async () => {
    const { obs, email, family, graph, key, system } = make();
    await graph.observe([obs('a', [email('jean.dupont')], { givenName: 'Jean', familyName: family('Dup'), ...PARIS })]);
    const result = await graph.observe([
      obs('b', [email('jaen.dupont')], { givenName: 'jean', familyName: family('DUP'), ...PARIS }),
    ]);
    const customerId = result.get(key('b'))!;
    expect(await graph.customerIdOfRecord(system, 'a')).toBe(customerId);
    const links = await graph.links(customerId);
    expect(links).toEqual([
      {
        from: { system, localId: 'a' },
        to: { system, localId: 'b' },
        rule: 'probabilistic:fellegi-sunter',
        identifier: null,
        confidence: expect.any(Number),
        source: system,
        at: expect.any(String),
        actor: null,
        reason: null,
        match: {
          score: expect.any(Number),
          probability: expect.any(Number),
          comparisons: [
            { comparison: 'given_name', level: 'exact', weight: 5.322 },
            { comparison: 'family_name', level: 'exact', weight: 4.087 },
            { comparison: 'email', level: 'close', weight: 6.644 },
            { comparison: 'address', level: 'exact', weight: 8.229 },
            { comparison: 'country', level: 'exact', weight: 0.693 },
          ],
          guards: [],
        },
      },
    ]);
    expect(links[0]!.match!.score).toBeCloseTo(24.975, 2);
    expect(links[0]!.confidence).toBeGreaterThan(0.99);
    const history = await graph.history(customerId);
    expect(history.map((e) => [e.type, e.rule, e.record?.localId])).toEqual(
      expect.arrayContaining([
        ['link', 'probabilistic:fellegi-sunter', 'b'],
        ['assign', 'probabilistic:fellegi-sunter', expect.any(String)],
      ]),
    );
  });

  it('locks in one order: blocks, then the deterministic and the matched customers together, before linking', async () => {
    // Two writers matching at once deadlocked (DeadlockDetected until the retries ran out) when one locked its
    // customers, then the blocks, then the matched records' customers, while the other held one of those customers
    // and waited for a block. Every statement of the write is recorded to check the order it locks in.
    const statements: { query: string; params: Record<string, unknown> }[] = [];
    const { obs, email, family, graph, system } = make(
      new IdentityGraph(recording(driver, statements), new MemoryCache(), logger),
    );
    const jean = { givenName: 'Jean', familyName: family('Dup'), ...PARIS };
    await graph.observe([obs('x', [email('jean.dupont')], jean)]);
    await graph.observe([obs('z', [email('other')], { givenName: 'Hugo', familyName: family('Zed') })]);
    const [cx, cz] = [await graph.customerIdOfRecord(system, 'x'), await graph.customerIdOfRecord(system, 'z')];
    statements.length = 0;
    // y shares z's email (its customer, deterministically) and matches x (probabilistically).
    await graph.observe([obs('y', [email('jaen.dupont'), email('other')], jean)]);
    expect(await graph.customerIdOfRecord(system, 'y')).toBe(await graph.customerIdOfRecord(system, 'x'));
    expect(await graph.customerIdOfRecord(system, 'z')).toBe(await graph.customerIdOfRecord(system, 'x'));

    const at = (pattern: RegExp) => statements.flatMap((s, i) => (pattern.test(s.query) ? [i] : []));
    const blockLocks = at(/MERGE \(b:MatchBlock \{key: key\}\)[\s\S]*SET b\._lock/);
    const customerLocks = at(/MATCH \(c:Customer \{id: id\}\) SET c\._lock/);
    const link = at(/MERGE \(a\)-\[s:SAME_AS\]->\(b\)/);
    expect(blockLocks.length).toBeGreaterThan(0);
    expect(link.length).toBe(1);
    // The blocks before any customer; both customers (z's, found through the email, and x's, found by the
    // matcher) in one sorted statement, before the link is written; no customer locked after that.
    expect(Math.max(...blockLocks)).toBeLessThan(Math.min(...customerLocks));
    expect(customerLocks.map((i) => statements[i]!.params.ids)).toEqual([[cx, cz].sort()]);
    expect(customerLocks[0]).toBeLessThan(link[0]!);
  });

  it('sends a pair between the thresholds to review; a reject is remembered and never proposed again', async () => {
    const { obs, email, family, graph, key, system } = make();
    const before = await graph.observe([
      obs('c', [email('marie')], { givenName: 'Marie', familyName: family('Lef'), country: 'FR' }),
      obs('d', [email('mlef')], { givenName: 'Marie', familyName: family('Lef'), country: 'FR' }),
    ]);
    expect(before.get(key('c'))).not.toBe(before.get(key('d')));
    const pending = (await graph.matchReviews('PENDING', 100, null)).reviews.filter((r) => r.left.system === system);
    expect(pending).toEqual([
      {
        id: expect.any(String),
        status: 'PENDING',
        left: { system, localId: 'c' },
        right: { system, localId: 'd' },
        leftCustomerId: before.get(key('c')),
        rightCustomerId: before.get(key('d')),
        evidence: {
          score: 8.37,
          probability: expect.any(Number),
          comparisons: [
            { comparison: 'given_name', level: 'exact', weight: 5.322 },
            { comparison: 'family_name', level: 'exact', weight: 4.087 },
            { comparison: 'email', level: 'different', weight: -1.733 },
            { comparison: 'country', level: 'exact', weight: 0.693 },
          ],
          guards: [],
        },
        createdAt: expect.any(String),
        decidedAt: null,
        decidedBy: null,
        reason: null,
      },
    ]);

    await graph.decideMatch(pending[0]!.id, 'REJECTED', { name: 'steward', reason: 'namesakes' });
    // A new observation with more agreement would score higher: the pair stays rejected, and unlinked.
    const after = await graph.observe([
      obs('d', [email('mlef')], { givenName: 'Marie', familyName: family('Lef'), ...PARIS }, '2026-02-01T00:00:00Z'),
      obs('c', [email('marie')], { givenName: 'Marie', familyName: family('Lef'), ...PARIS }, '2026-02-01T00:00:00Z'),
    ]);
    expect(after.get(key('c'))).not.toBe(after.get(key('d')));
    expect((await graph.matchReviews('PENDING', 100, null)).reviews.filter((r) => r.left.system === system)).toEqual(
      [],
    );
    const rejected = (await graph.matchReviews('REJECTED', 100, null)).reviews.filter((r) => r.left.system === system);
    expect(rejected.map(({ status, decidedBy, reason }) => ({ status, decidedBy, reason }))).toEqual([
      { status: 'REJECTED', decidedBy: 'steward', reason: 'namesakes' },
    ]);
    await expect(graph.decideMatch(pending[0]!.id, 'ACCEPTED', { name: 'steward' })).rejects.toThrow(
      /expected a PENDING match review, received review ".*" which is REJECTED already/,
    );
  });

  it('links the records of an accepted review, with the steward and reason on the link', async () => {
    const { obs, email, family, graph, system } = make();
    await graph.observe([
      obs('e', [email('lena')], { givenName: 'Lena', familyName: family('Mul'), country: 'DE' }),
      obs('f', [email('lmul')], { givenName: 'Lena', familyName: family('Mul'), country: 'DE' }),
    ]);
    const [review] = (await graph.matchReviews('PENDING', 100, null)).reviews.filter((r) => r.left.system === system);
    const customerId = await graph.decideMatch(review!.id, 'ACCEPTED', { name: 'steward', reason: 'same person' });
    expect(await graph.customerIdOfRecord(system, 'f')).toBe(customerId);
    const [link] = await graph.links(customerId!);
    expect(link).toMatchObject({
      rule: 'probabilistic:reviewed',
      actor: 'steward',
      reason: 'same person',
      match: { score: 8.37 },
    });
  });

  it('changes nothing when a feed is replayed', async () => {
    const { obs, email, family, graph, system } = make();
    const batch = [
      obs('g', [email('jean.dupont')], { givenName: 'Jean', familyName: family('Dup'), ...PARIS }),
      obs('h', [email('jaen.dupont')], { givenName: 'Jean', familyName: family('Dup'), ...PARIS }),
      obs('i', [email('jdup')], { givenName: 'Jean', familyName: family('Dup'), country: 'FR' }),
    ];
    const first = await graph.observe(batch);
    const state = await graphState(system);
    expect(state.reduce((n, r) => n + r.links, 0)).toBe(1);
    const second = await graph.observe(batch);
    expect(second).toEqual(first);
    expect(await graphState(system)).toEqual(state);
  });

  it('keeps a household apart: a different given name sends even a high score to review', async () => {
    const { obs, email, family, graph, key, system } = make();
    const result = await graph.observe([
      obs('p', [email('paul.h')], { givenName: 'Paul', familyName: family('Hub'), ...PARIS }),
      obs('q', [email('pau.h')], { givenName: 'Pia', familyName: family('Hub'), ...PARIS }),
    ]);
    expect(result.get(key('p'))).not.toBe(result.get(key('q')));
    const [review] = (await graph.matchReviews('PENDING', 100, null)).reviews.filter((r) => r.left.system === system);
    expect(review!.evidence.score).toBeGreaterThan(10);
    expect(review!.evidence.guards).toEqual(['given_name=different']);
  });

  it('never links automatically again a record unlinked by hand: it is proposed for review instead', async () => {
    const { obs, email, family, graph, system } = make();
    await graph.observe([
      obs('s', [email('ana.garcia')], { givenName: 'Ana', familyName: family('Gar'), ...PARIS }),
      obs('t', [email('ana.gracia')], { givenName: 'Ana', familyName: family('Gar'), ...PARIS }),
    ]);
    expect(await graph.customerIdOfRecord(system, 't')).toBe(await graph.customerIdOfRecord(system, 's'));
    await graph.unlinkRecord(system, 't', { name: 'steward', reason: 'two people' });
    await graph.observe([
      obs(
        't',
        [email('ana.gracia')],
        { givenName: 'Ana', familyName: family('Gar'), ...PARIS, postcode: '75003' },
        '2026-03-01T00:00:00Z',
      ),
    ]);
    expect(await graph.customerIdOfRecord(system, 't')).not.toBe(await graph.customerIdOfRecord(system, 's'));
    const reviews = (await graph.matchReviews('PENDING', 100, null)).reviews.filter((r) => r.left.system === system);
    expect(reviews.map((r) => [r.left.localId, r.right.localId])).toEqual([['s', 't']]);
  });

  it('takes new thresholds at run time, without a restart', async () => {
    const graph = new IdentityGraph(driver, new MemoryCache(), logger);
    const { obs, email, family, system } = make(graph);
    graph.configureMatching({ ...DEFAULT_RULES.matching, thresholds: { upper: 8, lower: 4 } });
    await graph.observe([
      obs('u', [email('tom')], { givenName: 'Tom', familyName: family('Bak'), country: 'GB' }),
      obs('v', [email('tbak')], { givenName: 'Tom', familyName: family('Bak'), country: 'GB' }),
    ]);
    expect(await graph.customerIdOfRecord(system, 'u')).toBe(await graph.customerIdOfRecord(system, 'v'));
    expect(() => graph.configureMatching({ ...DEFAULT_RULES.matching, guards: ['given_name=unknown'] })).toThrow(
      /Invalid matching.guards: unknown "given_name=unknown"/,
    );
  });
});

describe('match review queue over GraphQL', () => {
  const secret = generateSecret();
  let identity: IdentitySubgraph;
  beforeAll(async () => {
    identity = await startIdentitySubgraph({
      driver,
      cache: new MemoryCache(),
      logger,
      host: '127.0.0.1',
      port: 0,
      auth: { mode: 'development', secrets: [secret] },
    });
  });
  afterAll(() => identity.stop());

  const OBSERVE = /* GraphQL */ `
    mutation ($inputs: [RecordObservationInput!]!) {
      observeRecords(inputs: $inputs) {
        customer {
          id
        }
      }
    }
  `;
  const QUEUE = /* GraphQL */ `
    query ($first: Int, $after: String, $status: MatchReviewStatus) {
      matchReviews(first: $first, after: $after, status: $status) {
        totalCount
        hasNextPage
        endCursor
        reviews {
          id
          status
          left {
            system
            localId
          }
          right {
            system
            localId
          }
          leftCustomer {
            id
          }
          evidence {
            score
            comparisons {
              comparison
              level
              weight
            }
          }
        }
      }
    }
  `;
  const DECIDE = /* GraphQL */ `
    mutation ($id: ID!, $reason: String) {
      acceptMatch(id: $id, reason: $reason) {
        review {
          status
          decidedBy
          reason
        }
        customer {
          sourceRecords {
            localId
          }
          identityLinks {
            rule
            actor
            match {
              score
            }
          }
        }
      }
    }
  `;

  it('lists, pages and accepts reviews; refuses misuse with FORBIDDEN and BAD_USER_INPUT', async () => {
    const { system, tag, family } = make();
    const person = (localId: string, local: string) => ({
      system,
      localId,
      identifiers: [{ kind: 'EMAIL', value: `${local}.${tag}@example.com` }],
      observedAt: '2026-01-01T00:00:00Z',
      match: { givenName: 'Sofia', familyName: family('Ros'), country: 'ES' },
    });
    const observed = await postGraphQL(identity.server.url, OBSERVE, {
      inputs: [person('x', 'sofia'), person('y', 'srossi')],
    });
    expect(observed.errors).toBeUndefined();

    // The whole queue (other tests leave reviews too), a page at a time, until this test's review is found:
    // pages never overlap.
    let after: string | null = null;
    let mine: { id: string } | undefined;
    const seen = new Set<string>();
    for (let page = 0; page < 1000 && !mine; page++) {
      const res: GraphQLResponse = await postGraphQL(identity.server.url, QUEUE, { first: 7, after });
      expect(res.errors).toBeUndefined();
      const { reviews, hasNextPage, endCursor } = res.data!.matchReviews as {
        reviews: { id: string; left: { system: string } }[];
        hasNextPage: boolean;
        endCursor: string | null;
      };
      mine = reviews.find((r) => r.left.system === system);
      for (const r of reviews) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
      if (!hasNextPage) break;
      after = endCursor;
    }
    expect(mine).toEqual({
      id: expect.any(String),
      status: 'PENDING',
      left: { system, localId: 'x' },
      right: { system, localId: 'y' },
      leftCustomer: { id: observed.data!.observeRecords[0].customer.id },
      evidence: {
        score: 8.37,
        comparisons: [
          { comparison: 'given_name', level: 'exact', weight: 5.322 },
          { comparison: 'family_name', level: 'exact', weight: 4.087 },
          { comparison: 'email', level: 'different', weight: -1.733 },
          { comparison: 'country', level: 'exact', weight: 0.693 },
        ],
      },
    });

    const readOnly = signCaller({ client: 'partner-app', scopes: ['customer:read'] }, secret);
    const refused = await postGraphQL(identity.server.url, DECIDE, { id: mine!.id }, readOnly);
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      requiredScope: 'identity:write',
      client: 'partner-app',
    });

    const steward = signCaller({ client: 'steward-app', scopes: ['identity:write'] }, secret);
    const accepted = await postGraphQL(identity.server.url, DECIDE, { id: mine!.id, reason: 'same id card' }, steward);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptMatch).toEqual({
      review: { status: 'ACCEPTED', decidedBy: 'steward-app', reason: 'same id card' },
      customer: {
        sourceRecords: [{ localId: 'x' }, { localId: 'y' }],
        identityLinks: [{ rule: 'probabilistic:reviewed', actor: 'steward-app', match: { score: 8.37 } }],
      },
    });

    const again = await postGraphQL(identity.server.url, DECIDE, { id: mine!.id }, steward);
    expect(again.errors?.[0]).toMatchObject({
      message: `Invalid id: expected a PENDING match review, received review "${mine!.id}" which is ACCEPTED already`,
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
    const unknown = await postGraphQL(
      identity.server.url,
      'mutation { rejectMatch(id: "no-such-review") { review { id } } }',
      {},
      steward,
    );
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Invalid id: no match review has id "no-such-review"',
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
    const badPage = await postGraphQL(identity.server.url, QUEUE, { first: 0 });
    expect(badPage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await postGraphQL(identity.server.url, QUEUE, { after: 'nope' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
