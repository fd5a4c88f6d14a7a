/**
 * `npm run bench:matching -- [--rows 1000000] [--level hard] [--seed 77]`
 *
 * The batch matcher at scale: generates a dirty dedup file of about --rows
 * rows (generate.ts, FEBRL style, at --level), and takes from it the file of
 * about 5 000 rows that holds every record of a random sample of its people.
 * Runs `c360 resolve` on each as a user does (its own process, streaming the
 * CSV), and reports wall time, rows/s, peak memory (max RSS of the process)
 * and pairwise precision, recall and F1 against the truth.
 *
 * The small file's people are scored twice: in their own run (`small`) and
 * inside the large run (`largeOnSmallPeople`: the pairs among their records
 * only). Same records, same corruption: what differs is only the file around
 * them, so the two figures show what scale alone does. (Two files generated
 * with different seeds differ by about half a point of recall at 5 000 rows
 * from their corruption alone, which hid that effect or made it up.)
 * Writes bench/results/matching.json (`--out` another file).
 *
 * `--calibration` also has both runs write their scored pairs (`--pairs`) and
 * adds, for the small run, the large run and the small file's people inside the
 * large run, the model's match probabilities binned against the share of pairs
 * found to be one person (metrics.ts `calibration`): whether the model says
 * what happens, and how a pair's probability moves when the file around it grows.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv } from '../src/matching/csv';
import { generate, LEVELS, writeGenerated, type Generated, type Level } from '../src/matching/generate';
import { seededRandom } from '@c360/kit/random';
import { calibration, pairwiseMetrics, type CalibrationBand } from './metrics';

const BIN = resolve(__dirname, '../../../packages/cli/bin/c360.js');
const MAP =
  'given_name=given_name,family_name=surname,date_of_birth=date_of_birth,street=address_1,city=suburb,postcode=postcode';
/** Rows per generated person at each level (1 + half of them with 1..maxDups duplicates). */
const rowsPerPerson = (level: Level) => 1 + 0.5 * ((1 + LEVELS[level].maxDups) / 2);

interface Run {
  /** The clusters file (not in the results). */
  output?: string;
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
  /** Threads that compared the candidate pairs, and the chunks of pairs each took (the main thread first). */
  comparing: { threads: number; chunksPerThread: number[] };
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

/** Every record of a random sample of `people` of the generated people, in file order. */
function samplePeople(generated: Generated, people: number, seed: number): Generated {
  const random = seededRandom(seed);
  const all = [...new Set(generated.truth.map(([, person]) => person))];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const chosen = new Set(all.slice(0, people));
  const truth = generated.truth.filter(([, person]) => chosen.has(person));
  const ids = new Set(truth.map(([id]) => id));
  return {
    files: generated.files.map((f) => ({ name: f.name, rows: f.rows.filter((r) => ids.has(r.rec_id!)) })),
    truth,
  };
}

async function runOnce(dir: string, file: string, rows: number, extra: string[]): Promise<Run> {
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
  const shares = /pairs compared on (\d+) threads?(?:, chunks per thread ([\d/]+))?/.exec(stderr);
  const truth = await column(join(dir, 'truth.csv'), 'id', 'entity_id');
  const predicted = await column(output, 'id', 'cluster_id');
  const m = pairwiseMetrics(groups(predicted), groups(truth));
  return {
    output,
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
    comparing: {
      threads: shares ? Number(shares[1]) : NaN,
      chunksPerThread: shares?.[2] ? shares[2].split('/').map(Number) : [],
    },
  };
}

/** A run's scored pairs (its `--pairs` file): left id, right id, match probability. */
async function scoredPairs(pairsFile: string): Promise<[string, string, number][]> {
  const scored: [string, string, number][] = [];
  await readCsv(pairsFile, {
    onHeader: () => {},
    onRow: (f) => scored.push([f[1]!, f[3]!, Number(f[5])]),
    onUnreadable: () => {},
  });
  return scored;
}

const bandsTable = (title: string, bands: CalibrationBand[]) =>
  [
    `${title}: probability band, pairs, mean probability given, share found to be one person`,
    ...bands
      .filter((b) => b.pairs > 0)
      .reverse()
      .map(
        (b) =>
          `  >= ${String(b.from).padEnd(6)} ${String(b.pairs).padStart(9)}   ${b.predicted.toFixed(4)}   ${b.found!.toFixed(4)}`,
      ),
  ].join('\n');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      level: { type: 'string', default: 'hard' },
      seed: { type: 'string', default: '77' },
      out: { type: 'string', default: 'bench/results/matching.json' },
      calibration: { type: 'boolean', default: false },
    },
  });
  const level = values.level as Level;
  if (!(level in LEVELS)) throw new Error(`--level: expected one of ${Object.keys(LEVELS).join(', ')}`);
  const seed = Number(values.seed);
  const rows = Number(values.rows);
  const dir = mkdtempSync(join(tmpdir(), 'c360-bench-matching-'));
  try {
    // Both files written before either run, and the generated rows let go: the large run has the memory.
    const written = await (async () => {
      const generated = generate({
        people: Math.round(rows / rowsPerPerson(level)),
        level,
        seed,
        link: false,
        contacts: false,
      });
      const sample = samplePeople(generated, Math.round(5000 / rowsPerPerson(level)), seed);
      const [largeFile] = await writeGenerated(join(dir, 'large'), generated);
      const [smallFile] = await writeGenerated(join(dir, 'small'), sample);
      return {
        large: { file: largeFile!, rows: generated.files[0]!.rows.length },
        small: { file: smallFile!, rows: sample.files[0]!.rows.length },
      };
    })();
    const pairsOf = (which: string) => join(dir, which, 'pairs.csv');
    const { output: _smallOutput, ...small } = await runOnce(
      join(dir, 'small'),
      written.small.file,
      written.small.rows,
      values.calibration ? ['--pairs', pairsOf('small')] : [],
    );
    const { output: largeOutput, ...large } = await runOnce(
      join(dir, 'large'),
      written.large.file,
      written.large.rows,
      values.calibration ? ['--pairs', pairsOf('large')] : [],
    );
    // The small file's people inside the large run: its clusters restricted to their records.
    const smallTruth = await column(join(dir, 'small', 'truth.csv'), 'id', 'entity_id');
    const inLarge = await column(largeOutput!, 'id', 'cluster_id');
    const restricted = new Map([...smallTruth.keys()].map((id) => [id, inLarge.get(id)!]));
    const same = pairwiseMetrics(groups(restricted), groups(smallTruth));
    const largeOnSmallPeople = {
      records: smallTruth.size,
      precision: same.precision,
      recall: same.recall,
      f1: same.f1,
    };
    let calibrated: Record<string, CalibrationBand[]> | undefined;
    if (values.calibration) {
      const largeTruth = await column(join(dir, 'large', 'truth.csv'), 'id', 'entity_id');
      const personIn = (truth: Map<string, string>) => (record: string) => truth.get(record);
      // The large run's pairs, read once: all of them, and those among the small file's records.
      const largePairs = await scoredPairs(pairsOf('large'));
      const sampled = (record: string) => smallTruth.has(record);
      calibrated = {
        small: calibration(await scoredPairs(pairsOf('small')), personIn(smallTruth)),
        large: calibration(largePairs, personIn(largeTruth)),
        largeOnSmallPeople: calibration(
          largePairs.filter(([a, b]) => sampled(a) && sampled(b)),
          personIn(largeTruth),
        ),
      };
      for (const [title, bands] of Object.entries(calibrated)) process.stderr.write(`${bandsTable(title, bands)}\n`);
    }
    const result = {
      measuredAt: new Date().toISOString(),
      machine: `shared 2-core machine; load average (1 min) ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end (busy when above 3)`,
      level,
      command: `c360 resolve --input dedup.csv --id rec_id --map ${MAP} --output clusters.csv`,
      small,
      large,
      largeOnSmallPeople,
      ...(calibrated ? { calibration: calibrated } : {}),
    };
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
