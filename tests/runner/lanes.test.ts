import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assign, COMMITTED_TIMES, laneEnv, listTests, readTimes, rel, runLane } from '../../scripts/test';

/** `npm test`'s lanes (scripts/test.ts): how suites are shared out, and what keeps lanes apart. */
const ROOT = path.resolve(__dirname, '..', '..');
const at = (file: string) => path.join(ROOT, file);

describe('npm test lanes', () => {
  it('shares suites out by their measured time, longest first, so that the lanes end together', () => {
    const times = { 'a.test.ts': 100, 'b.test.ts': 60, 'c.test.ts': 50, 'd.test.ts': 40, 'e.test.ts': 10 };
    const lanes = assign(Object.keys(times).map(at), 2, times);
    const total = (lane: string[]) => lane.reduce((s, f) => s + times[path.relative(ROOT, f) as keyof typeof times], 0);
    expect(lanes.flat().sort()).toEqual(Object.keys(times).map(at).sort());
    // The best split of these five: 100 + 40 against 60 + 50 + 10.
    expect(lanes.map(total).sort()).toEqual([120, 140]);
  });

  it('has a committed time for every suite, so that a fresh clone (CI) does not plan its lanes on guesses', () => {
    // A suite missing from tests/suite-times.json is guessed from its file size: a 90 s suite guessed at 5 s once
    // left one CI lane two minutes behind the other. `npm test` prints the missing ones after a full run.
    const committed = readTimes(COMMITTED_TIMES);
    const missing = listTests()
      .map(rel)
      .filter((f) => committed[f] === undefined);
    expect(missing).toEqual([]);
  });

  it('keeps the fleet suites (fixed Redis ports) in one lane', () => {
    const times = {
      'tests/fleet/redis-cluster.test.ts': 20,
      'tests/fleet/redis-sentinel.test.ts': 20,
      'x.test.ts': 20,
      'y.test.ts': 20,
    };
    const lanes = assign(Object.keys(times).map(at), 2, times);
    const fleetLanes = lanes.filter((lane) => lane.some((f) => f.includes('/tests/fleet/')));
    expect(fleetLanes).toHaveLength(1);
    expect(fleetLanes[0]!.filter((f) => f.includes('/tests/fleet/'))).toHaveLength(2);
  });

  it('gives every lane but the first its own databases, Redis database, Neo4j port and data folder', () => {
    const given = {
      TEST_CRM_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/c360_test22_crm',
      TEST_DATA_DIR: '.data/x',
    };
    expect(laneEnv(0, given)).toBe(given);
    const [one, two] = [laneEnv(1, given), laneEnv(2, given)];
    expect(one.TEST_CRM_DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/c360_test22_crm_l1');
    expect(one.TEST_COMMERCE_DATABASE_URL).toBe('mysql://root@127.0.0.1:3306/c360_test_commerce_l1');
    expect(two.TEST_PRIVACY_DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/c360_test_privacy_l2');
    expect(new Set(['7688', one.TEST_NEO4J_BOLT_PORT, two.TEST_NEO4J_BOLT_PORT]).size).toBe(3);
    expect(new Set(['redis://127.0.0.1:6379/1', one.TEST_REDIS_URL, two.TEST_REDIS_URL]).size).toBe(3);
    expect([one.TEST_DATA_DIR, two.TEST_DATA_DIR]).toEqual(['.data/x-lane1', '.data/x-lane2']);
  });
});

describe('a lane whose Jest does not exit', () => {
  it('is killed a while after its results are written, and fails saying so instead of hanging the run', async () => {
    // A suite that passes but leaves a server listening: Jest would wait for it for ever.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'c360-lane-'));
    try {
      writeFileSync(
        path.join(dir, 'leaves-a-server.test.js'),
        "test('passes', () => { require('node:net').createServer().listen(0, '127.0.0.1'); });\n",
      );
      const config = JSON.stringify({ rootDir: dir, testEnvironment: 'node', transform: {} });
      const started = Date.now();
      const { done } = runLane(0, [path.join(dir, 'leaves-a-server.test.js')], 1, false, {
        out: path.join(dir, 'results.json'),
        lingerMs: 2_000,
        jestArgs: ['--config', config],
      });
      const result = await done;
      expect(result).toMatchObject({ hung: true, code: 1 });
      expect(result.json?.numPassedTests).toBe(1);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
