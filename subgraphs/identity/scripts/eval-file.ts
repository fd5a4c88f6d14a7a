/**
 * `npm run identity:eval -- --file F [--file G] --truth T [--id COLUMN] [--map …] [any c360 resolve option]`
 *
 * Runs the batch matcher (`c360 resolve`, in process) on any labelled file and
 * scores its clusters against the truth with pairwise precision, recall and
 * F1, and counts the rows kept and the time. The truth is a CSV with a record
 * id column (`id`, `rec_id` or `record_id`) and an entity column (`entity_id`,
 * `person_id`, `cluster_id` or `true_id`); ids must be unique across the files.
 * Without --map, the columns are mapped by their names (FEBRL's, or the known
 * attribute names); --with-id also maps soc_sec_id / national_id.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv } from '../src/matching/csv';
import { main as resolve } from '../src/matching/cli';
import { pairwiseMetrics, type PairwiseMetrics } from './metrics';

const USAGE = `usage: npm run identity:eval -- --file F [--file G] --truth T [--id COLUMN] [--map A=COL,…] [--with-id] [--json OUT]
  (any other option is passed to c360 resolve)`;

/** Column names mapped when no --map is given. */
const AUTO: [string, string[]][] = [
  ['given_name', ['given_name', 'first_name', 'firstname', 'forename']],
  ['family_name', ['surname', 'family_name', 'last_name', 'lastname']],
  ['full_name', ['full_name', 'name']],
  ['date_of_birth', ['date_of_birth', 'dob', 'birth_date']],
  ['street', ['address_1', 'street', 'address']],
  ['city', ['suburb', 'city', 'town']],
  ['postcode', ['postcode', 'zip', 'postal_code']],
  ['email', ['email']],
  ['phone', ['phone', 'phone_number']],
];
const ID_COLUMNS = ['soc_sec_id', 'national_id', 'ssn'];

export interface FileEval {
  files: string[];
  rowsIn: number;
  rowsKept: number;
  seconds: number;
  metrics: Omit<PairwiseMetrics, 'overMerged'>;
}

async function rowsOf(path: string): Promise<{ header: string[]; rows: string[][] }> {
  let header: string[] = [];
  const rows: string[][] = [];
  await readCsv(path, {
    onHeader: (h) => (header = h.map((c) => c.trim())),
    onRow: (f) => rows.push(f),
    onUnreadable: () => {},
  });
  return { header, rows };
}

export async function evaluateFile(argv: string[], quiet = false): Promise<FileEval | number> {
  const { values, tokens } = parseArgs({
    args: argv,
    strict: false,
    tokens: true,
    options: {
      file: { type: 'string', multiple: true },
      truth: { type: 'string' },
      id: { type: 'string' },
      map: { type: 'string', multiple: true },
      'with-id': { type: 'boolean' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const files = (values.file ?? []) as string[];
  if (values.help || files.length === 0 || typeof values.truth !== 'string') {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const first = readFileSync(files[0]!, 'utf8')
    .split('\n', 1)[0]!
    .split(',')
    .map((c) => c.trim());
  const idColumn =
    typeof values.id === 'string'
      ? values.id
      : (['rec_id', 'id', 'record_id'].find((c) => first.includes(c)) ?? first[0]!);
  let map = (values.map ?? []) as string[];
  if (map.length === 0) {
    const auto = AUTO.flatMap(([attribute, names]) => {
      const column = names.find((n) => first.includes(n));
      return column ? [`${attribute}=${column}`] : [];
    });
    const idCol = ID_COLUMNS.find((c) => first.includes(c));
    if (values['with-id'] && idCol) auto.push(`national_id=${idCol}`);
    map = [auto.join(',')];
  }
  // Options for c360 resolve other than ours, passed through.
  const ours = new Set(['file', 'truth', 'id', 'map', 'with-id', 'json', 'help']);
  const passed: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'option' && !ours.has(t.name)) passed.push(t.rawName, ...(t.value !== undefined ? [t.value] : []));
  }

  const dir = mkdtempSync(join(tmpdir(), 'c360-eval-'));
  try {
    const output = join(dir, 'clusters.csv');
    const args = [
      'resolve',
      ...files.flatMap((f) => ['--input', f]),
      '--id',
      idColumn,
      '--map',
      map.join(','),
      '--output',
      output,
      ...passed,
    ];
    const started = performance.now();
    const silent = {
      stdout: process.stdout,
      stderr: quiet ? new PassThrough() : process.stderr,
      stderrIsTTY: false,
    };
    const code = await resolve(args, silent);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) return code;

    let rowsIn = 0;
    for (const f of files) rowsIn += (await rowsOf(f)).rows.length;
    const out = await rowsOf(output);
    const predicted = new Map<string, string[]>();
    const [idAt, clusterAt] = [out.header.indexOf('id'), out.header.indexOf('cluster_id')];
    for (const row of out.rows) predicted.set(row[clusterAt]!, [...(predicted.get(row[clusterAt]!) ?? []), row[idAt]!]);
    const truth = await rowsOf(values.truth);
    const tId = truth.header.findIndex((h) => ['id', 'rec_id', 'record_id'].includes(h));
    const tEntity = truth.header.findIndex((h) => ['entity_id', 'person_id', 'cluster_id', 'true_id'].includes(h));
    if (tId < 0 || tEntity < 0) {
      process.stderr.write(
        `${values.truth}: expected an id column and an entity_id column, found ${truth.header.join(', ')}\n`,
      );
      return 2;
    }
    const people = new Map<string, string[]>();
    for (const row of truth.rows) people.set(row[tEntity]!, [...(people.get(row[tEntity]!) ?? []), row[tId]!]);
    const { overMerged, ...metrics } = pairwiseMetrics([...predicted.values()], [...people.values()]);
    const result: FileEval = { files, rowsIn, rowsKept: out.rows.length, seconds, metrics };
    if (!quiet) {
      process.stdout.write(
        `${files.join(' + ')}: precision ${metrics.precision.toFixed(4)}, recall ${metrics.recall.toFixed(4)}, F1 ${metrics.f1.toFixed(4)}; ` +
          `rows kept ${out.rows.length}/${rowsIn}; ${overMerged.length} over-merged clusters; ${seconds.toFixed(1)} s\n`,
      );
    }
    if (typeof values.json === 'string') writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  const result = await evaluateFile(argv);
  return typeof result === 'number' ? result : 0;
}
