/**
 * `npm run bench:matching -- [--rows 1000000] [--level hard] [--seed 77]`
 *
 * The batch matcher at scale: generates a dirty dedup file of about --rows
 * rows (generate.ts, FEBRL style, at --level) and one of 5 000 rows with the
 * same settings, runs `c360 resolve` on each as a user does (its own process,
 * streaming the CSV), and reports wall time, rows/s, peak memory (max RSS of
 * the process) and pairwise precision, recall and F1 against the truth, so
 * that the large run can be compared with the small one.
 * Writes bench/results/matching.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv } from '../src/matching/csv';
import { generate, LEVELS, writeGenerated, type Level } from '../src/matching/generate';
import { pairwiseMetrics } from './metrics';

const BIN = resolve(__dirname, '../../../packages/cli/bin/c360.js');
const MAP =
  'given_name=given_name,family_name=surname,date_of_birth=date_of_birth,street=address_1,city=suburb,postcode=postcode';
/** Rows per generated person at each level (1 + half of them with 1..maxDups duplicates). */
const rowsPerPerson = (level: Level) => 1 + 0.5 * ((1 + LEVELS[level].maxDups) / 2);

interface Run {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** CPU seconds of the process (user + system): what bounds the time on an idle machine. */
  cpuSeconds: number;
  /** Load average (1 min) when the run started and ended: above 2, other work shared the 2 cores. */
  loadAverage: [number, number];
  precision: number;
  recall: number;
  f1: number;
  candidatePairs: number;
}

async function column(path: string, key: string, value: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let [k, v] = [-1, -1];
  await readCsv(path, {
    onHeader: (h) => ([k, v] = [h.indexOf(key), h.indexOf(value)]),
    onRow: (f) => out.set(f[k]!, f[v]!),
    onUnreadable: () => {},
  });
  return out;
}

const groups = (of: Map<string, string>) => {
  const by = new Map<string, string[]>();
  for (const [id, g] of of) {
    const list = by.get(g);
    if (list) list.push(id);
    else by.set(g, [id]);
  }
  return [...by.values()];
};

async function runOnce(dir: string, people: number, level: Level, seed: number, extra: string[]): Promise<Run> {
  const generated = generate({ people, level, seed, link: false, contacts: false });
  const [file] = await writeGenerated(dir, generated);
  const rows = generated.files[0]!.rows.length;
  generated.files.length = 0;
  const output = join(dir, 'clusters.csv');
  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  const stderr = await new Promise<string>((ok, fail) => {
    const child = spawn(
      process.execPath,
      [BIN, 'resolve', '--input', file!, '--id', 'rec_id', '--map', MAP, '--output', output, ...extra],
      {
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    );
    let text = '';
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok(text) : fail(new Error(`c360 resolve exited with ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = loadavg()[0]!;
  const peak = /peak memory\s+(\d+) MB/.exec(stderr);
  const cpu = /cpu time\s+([\d.]+) s/.exec(stderr);
  const pairs = /candidate pairs\s+(\d+)/.exec(stderr);
  const truth = await column(join(dir, 'truth.csv'), 'id', 'entity_id');
  const predicted = await column(output, 'id', 'cluster_id');
  const m = pairwiseMetrics(groups(predicted), groups(truth));
  return {
    rows,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMb: peak ? Number(peak[1]) : NaN,
    cpuSeconds: cpu ? Number(cpu[1]) : NaN,
    loadAverage: [loadBefore, loadAfter],
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    candidatePairs: pairs ? Number(pairs[1]) : NaN,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      level: { type: 'string', default: 'hard' },
      seed: { type: 'string', default: '77' },
    },
  });
  const level = values.level as Level;
  if (!(level in LEVELS)) throw new Error(`--level: expected one of ${Object.keys(LEVELS).join(', ')}`);
  const seed = Number(values.seed);
  const rows = Number(values.rows);
  const dir = mkdtempSync(join(tmpdir(), 'c360-bench-matching-'));
  try {
    const small = await runOnce(join(dir, 'small'), Math.round(5000 / rowsPerPerson(level)), level, seed, []);
    rmSync(join(dir, 'small'), { recursive: true, force: true });
    const large = await runOnce(join(dir, 'large'), Math.round(rows / rowsPerPerson(level)), level, seed + 1, []);
    const result = {
      measuredAt: new Date().toISOString(),
      machine: `shared 2-core machine; load average (1 min) ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end (busy when above 3)`,
      level,
      command: `c360 resolve --input dedup.csv --id rec_id --map ${MAP} --output clusters.csv`,
      small,
      large,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/matching.json', `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
