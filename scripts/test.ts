/**
 * `npm test`: every test suite, on the real services, in lanes side by side.
 *
 * A suite runs in band (one at a time) inside its lane, because suites share their lane's test databases, Redis
 * database, bundled Neo4j and data folder. Lanes share nothing of that: lane 0 uses the TEST_* settings as given
 * (tests/setup/test-env.ts), lane k its own databases (`…_l<k>`), Redis database, Neo4j port and data folder
 * (`<TEST_DATA_DIR>-lane<k>`). Suites go to lanes by their last measured time, longest first, so that the lanes end
 * together (the times of the last full run in .data/test-times.json, else the committed tests/suite-times.json).
 *
 *   npm test                       every suite, in TEST_LANES lanes (default: one per core, at most 4)
 *   npm test -- tests/faults       only the matching suites, one lane (any Jest arguments pass through)
 *   TEST_LANES=1 npm test          every suite in one lane, as `jest --runInBand`
 *
 * Each lane starts from empty test databases (TEST_FRESH_DATABASES). Each lane's lines are prefixed with its number;
 * the summary at the end names every failed suite and test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { TEST_DEFAULTS, testDatabaseUrl } from '@c360/test-setup/test-defaults';

const ROOT = path.resolve(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
export const COMMITTED_TIMES = path.join(ROOT, 'tests', 'suite-times.json');
const LOCAL_TIMES = path.join(ROOT, '.data', 'test-times.json');
/**
 * Suites that must share a lane: they use fixed ports of their own (the fleet tests' redis-server processes on
 * 7000-7008 and 26379-26381), so two lanes running them at once would take each other's ports.
 */
const SAME_LANE = [/^tests\/fleet\//];

type Times = Record<string, number>;

/** A suite's path as the times files name it: relative to the repository, with forward slashes. */
export const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

export function readTimes(file: string): Times {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Times;
  } catch {
    return {};
  }
}

/** Seconds a suite is expected to take: measured, else guessed from its size (about 1 s per 4 KB, at least 2 s). */
function expected(times: Times, file: string): number {
  const known = times[rel(file)];
  if (known !== undefined) return known;
  return Math.max(2, statSync(file).size / 4096);
}

/** Longest first onto the least loaded lane; suites of one SAME_LANE group go together as one unit. */
export function assign(files: string[], lanes: number, times: Times): string[][] {
  const units = new Map<string, string[]>();
  for (const file of files) {
    const group = SAME_LANE.findIndex((re) => re.test(rel(file)));
    const key = group >= 0 ? `group:${group}` : file;
    units.set(key, [...(units.get(key) ?? []), file]);
  }
  const weighted = [...units.values()]
    .map((unit) => ({ unit, seconds: unit.reduce((sum, f) => sum + expected(times, f), 0) }))
    .sort((a, b) => b.seconds - a.seconds || a.unit[0]!.localeCompare(b.unit[0]!));
  const load = Array.from({ length: lanes }, () => ({ files: [] as string[], seconds: 0 }));
  for (const { unit, seconds } of weighted) {
    const lane = load.reduce((min, l) => (l.seconds < min.seconds ? l : min), load[0]!);
    lane.files.push(...unit);
    lane.seconds += seconds;
  }
  return load.map((l) => l.files);
}

/** Lane k's TEST_* settings: its own databases, Redis database, Neo4j port and data folder (lane 0: as given). */
export function laneEnv(lane: number, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (lane === 0) return env;
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of Object.keys(TEST_DEFAULTS.databases) as (keyof typeof TEST_DEFAULTS.databases)[]) {
    const url = new URL(testDatabaseUrl(name, env));
    url.pathname = `${url.pathname}_l${lane}`;
    out[`TEST_${name}_DATABASE_URL`] = url.toString();
  }
  const redis = new URL(env.TEST_REDIS_URL ?? TEST_DEFAULTS.redisUrl);
  const db = Number(redis.pathname.slice(1) || '0');
  redis.pathname = `/${(db + 7 * lane) % 16}`;
  out.TEST_REDIS_URL = redis.toString();
  out.TEST_NEO4J_BOLT_PORT = String(Number(env.TEST_NEO4J_BOLT_PORT ?? TEST_DEFAULTS.neo4jBoltPort) + 50 * lane);
  out.TEST_DATA_DIR = `${env.TEST_DATA_DIR ?? TEST_DEFAULTS.dataDir}-lane${lane}`;
  return out;
}

interface JestJson {
  numFailedTests: number;
  numPassedTests: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  testResults: {
    name: string;
    status: string;
    startTime: number;
    endTime: number;
    message: string;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

export interface LaneResult {
  lane: number;
  code: number;
  seconds: number;
  json: JestJson | null;
  /** Jest wrote its results but did not exit within LINGER_MS after (something left open): killed. */
  hung: boolean;
}

/**
 * How long a lane's Jest may stay after writing its results. Jest waits for what tests left open (a socket, a
 * timer) and says so ("Jest did not exit one second after the test run has completed") without ever exiting: a
 * run would then hang until the CI limit with every test passed. The lane is killed and fails instead.
 */
const LINGER_MS = Number(process.env.TEST_LINGER_MS ?? 60_000);

export interface LaneOptions {
  /** Where Jest writes the lane's results. @default .data/test-lane<lane>.json */
  out?: string;
  /** How long Jest may stay after writing them. @default LINGER_MS */
  lingerMs?: number;
  /** More Jest arguments, before the suites (a `--config`, …). */
  jestArgs?: string[];
}

export function runLane(
  lane: number,
  files: string[],
  lanes: number,
  colors: boolean,
  options: LaneOptions = {},
): { child: ChildProcess; done: Promise<LaneResult> } {
  const out = options.out ?? path.join(ROOT, '.data', `test-lane${lane}.json`);
  const lingerMs = options.lingerMs ?? LINGER_MS;
  rmSync(out, { force: true });
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      JEST,
      '--runInBand',
      ...(colors ? ['--colors'] : []),
      ...(options.jestArgs ?? []),
      '--json',
      '--outputFile',
      out,
      '--runTestsByPath',
      ...files,
    ],
    {
      cwd: ROOT,
      // A full run starts from empty test databases (tests/setup/fresh-databases.ts): no suite depends on what
      // earlier runs, or suites of another lane plan, left in them. TEST_FRESH_DATABASES=0 keeps them.
      env: { TEST_FRESH_DATABASES: '1', ...laneEnv(lane, process.env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const prefix = lanes > 1 ? `[${lane}] ` : '';
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stderr.write(`${prefix}${line}\n`));
  }
  let hung = false;
  let resultsAt: number | null = null;
  const watch = setInterval(() => {
    if (resultsAt === null) {
      if (existsSync(out)) resultsAt = Date.now();
      return;
    }
    if (Date.now() - resultsAt < lingerMs) return;
    hung = true;
    clearInterval(watch);
    process.stderr.write(
      `${prefix}[tests] Jest wrote its results ${lingerMs / 1000} s ago but has not exited: a test left something ` +
        "open (run that lane's suites with `npx jest --detectOpenHandles PATH`); killing it\n",
    );
    child.kill('SIGKILL');
  }, 1000);
  const done = new Promise<LaneResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(watch);
      let json: JestJson | null = null;
      try {
        json = JSON.parse(readFileSync(out, 'utf8')) as JestJson;
      } catch {
        json = null;
      }
      resolve({
        lane,
        code: hung ? 1 : (code ?? (signal ? 1 : 0)),
        seconds: (Date.now() - started) / 1000,
        json,
        hung,
      });
    });
  });
  return { child, done };
}

/** Every suite Jest would run, as absolute paths, sorted. */
export function listTests(): string[] {
  const listed = spawnSync(process.execPath, [JEST, '--listTests', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) {
    process.stderr.write(listed.stderr);
    throw new Error('jest --listTests failed (its output is above): is `npm ci` done?');
  }
  return (JSON.parse(listed.stdout) as string[]).sort();
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length > 0) {
    // A chosen set of suites: plain Jest in band, as before lanes.
    // No --testPathIgnorePatterns here (jest.config.js has them): Jest took every suite named after it as one more
    // pattern to ignore, and ran all the others.
    const child = spawn(process.execPath, [JEST, '--runInBand', ...args], { cwd: ROOT, stdio: 'inherit' });
    return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  }
  const requested = Number(process.env.TEST_LANES ?? Math.min(4, os.availableParallelism()));
  if (!Number.isInteger(requested) || requested < 1)
    throw new Error(`TEST_LANES must be a whole number of lanes, 1 or more (it is "${process.env.TEST_LANES}")`);
  const files = listTests();
  const lanes = Math.min(requested, files.length);
  const times = { ...readTimes(COMMITTED_TIMES), ...readTimes(LOCAL_TIMES) };
  const plan = assign(files, lanes, times);
  mkdirSync(path.join(ROOT, '.data'), { recursive: true });
  process.stderr.write(
    `[tests] ${files.length} suites in ${lanes} lane${lanes === 1 ? '' : 's'} (TEST_LANES picks how many): ` +
      plan
        .map((p, i) => `lane ${i} ${p.length} suites, ~${Math.round(p.reduce((s, f) => s + expected(times, f), 0))} s`)
        .join('; ') +
      '\n',
  );
  const colors = process.stderr.isTTY === true;
  const running = plan.map((laneFiles, lane) => runLane(lane, laneFiles, lanes, colors));
  const stop = () => running.forEach(({ child }) => child.kill('SIGTERM'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const results = await Promise.all(running.map((r) => r.done));

  // The times of this run, for the next one's plan (a full run only; a lane that died left no JSON).
  const measured: Times = { ...readTimes(LOCAL_TIMES) };
  for (const { json } of results)
    for (const suite of json?.testResults ?? [])
      measured[rel(suite.name)] = Math.round((suite.endTime - suite.startTime) / 100) / 10;
  writeFileSync(LOCAL_TIMES, `${JSON.stringify(Object.fromEntries(Object.entries(measured).sort()), null, 2)}\n`);
  // A fresh clone (CI) plans its lanes from the committed times: a suite missing there is guessed from its size,
  // and one long suite guessed short leaves one lane minutes behind the other.
  const committed = readTimes(COMMITTED_TIMES);
  const unmeasured = files.map(rel).filter((f) => committed[f] === undefined);
  if (unmeasured.length > 0)
    process.stderr.write(
      `[tests] ${unmeasured.length} suite(s) have no time in tests/suite-times.json (${unmeasured.join(', ')}): ` +
        'copy .data/test-times.json there, so that a fresh clone shares its lanes out evenly\n',
    );

  process.stderr.write('\n[tests] summary\n');
  let failed = false;
  for (const { lane, code, seconds, json, hung } of results) {
    const suites = plan[lane]!.length;
    if (!json) {
      failed = true;
      process.stderr.write(
        `  lane ${lane}: exit ${code} after ${seconds.toFixed(0)} s with no results (its output is above)\n`,
      );
      continue;
    }
    failed ||= code !== 0;
    process.stderr.write(
      `  lane ${lane}: ${json.numTotalTestSuites - json.numFailedTestSuites}/${suites} suites, ` +
        `${json.numPassedTests}/${json.numPassedTests + json.numFailedTests} tests passed in ${seconds.toFixed(0)} s` +
        `${hung ? ' (then did not exit: killed; see its lines above)' : code === 0 ? '' : ` (exit ${code})`}\n`,
    );
    for (const suite of json.testResults.filter((s) => s.status !== 'passed')) {
      process.stderr.write(`    FAILED ${rel(suite.name)}\n`);
      const tests = suite.assertionResults.filter((a) => a.status === 'failed');
      for (const t of tests) process.stderr.write(`      ✕ ${t.fullName}\n`);
      if (tests.length === 0) process.stderr.write(`      ${suite.message.split('\n').find((l) => l.trim()) ?? ''}\n`);
    }
  }
  process.stderr.write(
    failed ? '[tests] FAILED: the failures are above, each under its lane number\n' : '[tests] all passed\n',
  );
  return failed ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`[tests] ${err.message}\n`);
      process.exit(1);
    },
  );
}
