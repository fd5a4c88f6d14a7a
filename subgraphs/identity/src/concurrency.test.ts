/**
 * Several writers at once: 2 writer processes × 3 workers each ingest
 * overlapping synthetic feeds (the same people from four sources, merges,
 * splits, a guard-limited family email; two sources read by both processes),
 * one of them killed mid-run and started again. Then the graph must hold
 * every invariant (the checks of `npm run identity:check`), every observation
 * exactly once, and the same partition of records into customers as one
 * writer with one worker ingesting the same feeds.
 *
 * IDENTITY_CONCURRENCY_RECORDS sets the size (default 4000, to keep CI short;
 * the figure is 100000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import neo4j, { type Driver } from 'neo4j-driver';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { checkIdentityGraph, partitionOf } from './check';
import { migrate } from './migrations';
import { normalizeIdentifier } from './normalize';
import { removeOrphanPhones, removeTestData } from './testing';
import { syntheticFeeds } from '../scripts/synthetic';
import { runWriter, type WriterResult } from '../scripts/writer';

const RECORDS = Number(process.env.IDENTITY_CONCURRENCY_RECORDS ?? 4000);
const PAGE_SIZE = Math.max(50, Math.round(RECORDS / 60));
// With the probabilistic matcher on (IDENTITY_CONCURRENCY_MATCHING_RECORDS, default 1500, pages of 100): the
// matcher is slow on a busy machine (tens of records/s), so the CI size is small; the lock order itself is
// checked deterministically in matching/live.test.ts.
const MATCHING_RECORDS = Number(process.env.IDENTITY_CONCURRENCY_MATCHING_RECORDS ?? 1500);
const MATCHING_PAGE_SIZE = Math.max(50, Math.round(MATCHING_RECORDS / 15));
// Ten minutes at the CI size; a run at the size (by hand) gets time in proportion.
const TIMEOUT_MS = Math.max(600_000, RECORDS * 30);
const ROOT = path.join(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
// The routing scheme a cluster needs, against the single test server.
const ROUTING_URI = TEST_NEO4J_URI.replace(/^bolt:/, 'neo4j:');

let driver: Driver;
beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  await migrate(driver);
});
afterAll(() => driver.close());

interface Writer {
  child: ChildProcess;
  /** Resolves at the first page ingested. */
  firstPage: Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; result: WriterResult | null; stderr: string }>;
}

function startWriter(args: string[]): Writer {
  // The writer runs in the spawned node process itself (tsx as a loader), not under the tsx launcher, which runs
  // it in a child of its own: the kill below must reach the process that writes, not leave it an orphan.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'subgraphs/identity/scripts/writer.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: ROUTING_URI },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let result: WriterResult | null = null;
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let firstPage!: () => void;
  const first = new Promise<void>((resolve) => (firstPage = resolve));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as { progress?: number; result?: WriterResult };
    if (message.progress !== undefined) firstPage();
    if (message.result) result = message.result;
  });
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    result: WriterResult | null;
    stderr: string;
  }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, result, stderr })));
  return { child, firstPage: first, done };
}

const strip = (prefix: string) => (partition: string[][]) =>
  partition
    .map((members) => members.map((m) => m.split(prefix).join('')).sort())
    .sort((a, b) => a[0]!.localeCompare(b[0]!));

describe('identity graph under concurrent writers (real Neo4j over neo4j://)', () => {
  const run = randomUUID().slice(0, 6);
  const names = ['crm', 'shop', 'web', 'surveys'];
  const concurrent = { prefix: `cc${run}-`, tag: `cc${run}`, digit: 1 };
  const serial = { prefix: `cs${run}-`, tag: `cs${run}`, digit: 2 };
  const matching = { prefix: `cm${run}-`, tag: `cm${run}`, digit: 3 };
  const systemsOf = (r: { prefix: string }) => names.map((n) => `${r.prefix}${n}`);
  const seed = 17;

  afterAll(async () => {
    for (const r of [concurrent, serial, matching]) {
      for (const system of systemsOf(r)) await removeTestData(driver, system, r.tag);
    }
    // Phone numbers carry no tag: those no record holds any more go too.
    await removeOrphanPhones(driver);
    // Removing both runs' records takes about as long as writing them on a busy machine.
  }, TIMEOUT_MS);

  it(
    `keeps every invariant with 2 writer processes × 3 workers on ${RECORDS} overlapping observations, one writer killed mid-run`,
    async () => {
      const systems = systemsOf(concurrent);
      const common = [
        `--all-systems=${systems.join(',')}`,
        `--records=${RECORDS}`,
        `--seed=${seed}`,
        `--tag=${concurrent.tag}`,
        `--phone-digit=${concurrent.digit}`,
        '--workers=3',
        `--page-size=${PAGE_SIZE}`,
      ];
      // Both processes read shop and surveys: they meet on the same pages as well as on the same people.
      const aSystems = `--systems=${[systems[0], systems[1], systems[3]].join(',')}`;
      const bSystems = `--systems=${[systems[2], systems[1], systems[3]].join(',')}`;
      const a = startWriter([aSystems, ...common]);
      const b = startWriter([bSystems, ...common]);
      // A crash mid-run: writer A is killed once it has ingested a page, with pages in flight, then started again.
      await Promise.race([a.firstPage, a.done]);
      a.child.kill('SIGKILL');
      const killed = await a.done;
      expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true);
      const again = startWriter([aSystems, ...common]);
      const [ra, rb] = await Promise.all([again.done, b.done]);
      expect({ a: ra.code, b: rb.code }).toEqual({ a: 0, b: 0 });
      expect(ra.result!.records + rb.result!.records).toBeGreaterThan(0);

      // The same feeds through one writer with one worker, in other systems and identifier values.
      await runWriter({
        uri: TEST_NEO4J_URI,
        systems: systemsOf(serial),
        allSystems: systemsOf(serial),
        records: RECORDS,
        seed,
        tag: serial.tag,
        phoneDigit: serial.digit,
        workers: 1,
        pageSize: PAGE_SIZE,
        matching: false,
      });

      // Every invariant holds (what `npm run identity:check` checks).
      const checks = await checkIdentityGraph(driver, { systems });
      expect(checks.filter((c) => c.violations > 0)).toEqual([]);

      // Every observation applied, none twice: each record exists once, with the identifiers and time of its
      // latest observation, and every feed's watermark is at its end with no page mark left behind.
      const data = syntheticFeeds({
        records: RECORDS,
        seed,
        systems,
        tag: concurrent.tag,
        phoneDigit: concurrent.digit,
      });
      const expected = new Map<string, { at: string; identifiers: string[] }>();
      for (const log of data.feeds.values()) {
        for (const rec of log) {
          const identifiers = [
            ...new Set(
              rec.identifiers.map((i) => normalizeIdentifier(i.kind, i.value)).map((i) => `${i.kind}|${i.value}`),
            ),
          ].sort();
          expected.set(`${rec.system}/${rec.localId}`, { at: new Date(rec.observedAt).toISOString(), identifiers });
        }
      }
      const { records: stored } = await driver.executeQuery(
        `MATCH (r:SourceRecord) WHERE r.system IN $systems
       RETURN r.system + '/' + r.localId AS key, toString(r.lastObservedAt) AS at,
              [(r)-[:HAS]->(i:Identifier) | i.kind + '|' + i.value] AS identifiers,
              COUNT { MATCH (e:IdentityEvent {system: r.system, localId: r.localId})
                      WHERE e.at IS NOT NULL AND e.type = 'identifier-removed' } AS removals`,
        { systems },
      );
      const actual = new Map(
        stored.map((r) => [
          r.get('key') as string,
          {
            at: new Date(r.get('at') as string).toISOString(),
            identifiers: (r.get('identifiers') as string[]).sort(),
          },
        ]),
      );
      expect(actual.size).toBe(expected.size);
      expect(actual).toEqual(expected);
      // A record observed twice (merged, then split) loses the other person's email at most once.
      expect(Math.max(...stored.map((r) => r.get('removals') as number))).toBeLessThanOrEqual(1);
      const { records: cursors } = await driver.executeQuery(
        `UNWIND $systems AS s
       OPTIONAL MATCH (f:FeedCursor {source: s})
       RETURN s, f.cursor AS cursor, COUNT { (p:FeedPage {source: s}) WHERE p.passedAt IS NULL } AS marks`,
        { systems },
      );
      expect(Object.fromEntries(cursors.map((c) => [c.get('s'), [c.get('cursor'), c.get('marks')]]))).toEqual(
        Object.fromEntries(systems.map((s) => [s, [String(data.feeds.get(s)!.length), 0]])),
      );

      // The guards did their work: the family email is blocked, not a customer of dozens.
      const { records: family } = await driver.executeQuery(
        'MATCH (i:Identifier {kind: "EMAIL", value: $value}) RETURN i.blocked AS blocked',
        { value: `family.${concurrent.tag}@example.com` },
      );
      expect(data.guarded).toBeGreaterThan(3);
      expect(family[0]?.get('blocked')).toBe(true);

      // The same customers as the serial run.
      const together = strip(concurrent.prefix)(await partitionOf(driver, systems));
      const alone = strip(serial.prefix)(await partitionOf(driver, systemsOf(serial)));
      expect(together.length).toBe(alone.length);
      expect(together).toEqual(alone);
      // Merges happened (people with several records) and splits were applied.
      expect(together.some((members) => members.length >= 3)).toBe(true);
      expect(data.splits).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    `2 writer processes × 3 workers with the probabilistic matcher on ${MATCHING_RECORDS} observations: no writer fails, every invariant`,
    async () => {
      const systems = systemsOf(matching);
      const common = [
        `--all-systems=${systems.join(',')}`,
        `--records=${MATCHING_RECORDS}`,
        `--seed=${seed}`,
        `--tag=${matching.tag}`,
        `--phone-digit=${matching.digit}`,
        '--workers=3',
        `--page-size=${MATCHING_PAGE_SIZE}`,
        '--matching',
      ];
      // Both read shop and surveys, as above: the same people and the same blocks from both processes at once.
      const a = startWriter([`--systems=${[systems[0], systems[1], systems[3]].join(',')}`, ...common]);
      const b = startWriter([`--systems=${[systems[2], systems[1], systems[3]].join(',')}`, ...common]);
      const [ra, rb] = await Promise.all([a.done, b.done]);
      // Before the locks were taken in one order, a writer could die on DeadlockDetected once the retries ran out.
      expect({ a: [ra.code, ra.stderr.slice(0, 500)], b: [rb.code, rb.stderr.slice(0, 500)] }).toEqual({
        a: [0, ''],
        b: [0, ''],
      });
      // A deadlock can still happen (a customer ordered before one a write holds, found in a later round): it is
      // retried and counted, within the bound.
      const retries = ra.result!.retries + rb.result!.retries;
      expect((1000 * retries) / MATCHING_RECORDS).toBeLessThanOrEqual(10);

      const checks = await checkIdentityGraph(driver, { systems });
      expect(checks.filter((c) => c.violations > 0)).toEqual([]);
      // The matcher ran: pairs only it finds were linked.
      const { records: linked } = await driver.executeQuery(
        `MATCH (a:SourceRecord)-[l:SAME_AS]->(:SourceRecord) WHERE a.system IN $systems RETURN count(l) AS n`,
        { systems },
      );
      expect(linked[0]!.get('n')).toBeGreaterThan(0);
      // Every record observed is in the graph once.
      const data = syntheticFeeds({
        records: MATCHING_RECORDS,
        seed,
        systems,
        tag: matching.tag,
        phoneDigit: matching.digit,
        matching: true,
      });
      const keys = new Set([...data.feeds.values()].flat().map((r) => `${r.system}/${r.localId}`));
      const { records: stored } = await driver.executeQuery(
        `MATCH (r:SourceRecord) WHERE r.system IN $systems AND r.lastObservedAt IS NOT NULL RETURN count(r) AS n`,
        { systems },
      );
      expect(stored[0]!.get('n')).toBe(keys.size);
    },
    TIMEOUT_MS,
  );

  it('identity:check prints what it checked and exits non-zero on a violation', async () => {
    const system = `ck${run}`;
    const check = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(TSX, [path.join(ROOT, 'subgraphs/identity/scripts/check.ts'), ...args], {
          cwd: ROOT,
          env: { ...process.env, NEO4J_URI: ROUTING_URI },
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (code) => resolve({ code, out }));
      });
    try {
      const healthy = await check([`--system=${systemsOf(concurrent)[0]}`]);
      expect(healthy.code).toBe(0);
      expect(healthy.out).toContain('record-has-one-customer');
      expect(healthy.out).toContain('6 checks');
      expect(healthy.out).toContain('all hold');

      // A record without a customer, and an identifier two customers hold: what a lost lock would leave.
      await driver.executeQuery(
        `CREATE (:SourceRecord {system: $system, localId: 'orphan'})
         CREATE (i:Identifier {kind: 'EMAIL', value: $email})
         CREATE (:SourceRecord {system: $system, localId: 'x1'})-[:HAS]->(i)
         CREATE (:SourceRecord {system: $system, localId: 'x2'})-[:HAS]->(i)
         WITH i
         MATCH (x1:SourceRecord {system: $system, localId: 'x1'}), (x2:SourceRecord {system: $system, localId: 'x2'})
         CREATE (x1)-[:BELONGS_TO]->(:Customer {id: $system + '-1'})
         CREATE (x2)-[:BELONGS_TO]->(:Customer {id: $system + '-2'})`,
        { system, email: `shared.${system}@example.com` },
      );
      const broken = await check([`--system=${system}`]);
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(/FAIL record-has-one-customer/);
      expect(broken.out).toMatch(/FAIL identifier-owned-by-one-customer/);
      expect(broken.out).toContain(`shared.${system}@example.com`);

      const bad = await check(['--no-such-option']);
      expect(bad.code).toBe(2);
    } finally {
      await driver.executeQuery(
        `MATCH (r:SourceRecord {system: $system}) OPTIONAL MATCH (r)-[:BELONGS_TO]->(c) OPTIONAL MATCH (r)-[:HAS]->(i)
         DETACH DELETE r, c, i`,
        { system },
      );
    }
  }, 120_000);
});
