/**
 * `npm run identity:eval -- --file F [--file G] --truth T|--truth-column C|--truth-from-id RE [--id COLUMN] [--map …]
 *  [any c360 resolve option]`
 *
 * Runs the batch matcher (`c360 resolve`, in process) on any labelled file and
 * scores its clusters against the truth with pairwise precision, recall and
 * F1, and counts the rows kept and the time. The truth is one of:
 * - `--truth T`: a CSV with a record id column (`id`, `rec_id` or `record_id`)
 *   and an entity column (`entity_id`, `person_id`, `cluster_id` or `true_id`);
 *   ids must be unique across the files;
 * - `--truth-column C`: a column of the input files themselves holding each
 *   record's person (the column is not given to the matcher unless --map does);
 * - `--truth-from-id RE`: the person is the first group of a regular expression
 *   on the record id (FEBRL's ids: `--truth-from-id 'rec-(\d+)-'` makes
 *   `rec-223-org` and `rec-223-dup-0` one person).
 * Without --map, the columns are mapped by their names (FEBRL's, or the known
 * attribute names); --with-id also maps soc_sec_id / national_id. `--delimiter`
 * is read here too and passed on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv } from '../src/matching/csv';
import { delimiterOf, main as resolve, sniff } from '../src/matching/cli';
import { pairwiseMetrics, type PairwiseMetrics } from './metrics';

const USAGE = `usage: npm run identity:eval -- --file F [--file G] --truth T [--id COLUMN] [--map A=COL,…] [--with-id] [--json OUT]
  instead of --truth T: --truth-column C (each record's person in column C of the files)
                     or --truth-from-id RE (the person is RE's first group on the record id, e.g. 'rec-(\\d+)-')
  (any other option is passed to c360 resolve; --delimiter is read here too)`;

/** Column names mapped when no --map is given. */
const AUTO: [string, string[]][] = [
  ['given_name', ['given_name', 'first_name', 'firstname', 'forename']],
  ['family_name', ['surname', 'family_name', 'last_name', 'lastname']],
  ['full_name', ['full_name', 'name']],
  ['date_of_birth', ['date_of_birth', 'dob', 'birth_date', 'birthdate']],
  ['street', ['address_1', 'street', 'address', 'street_address']],
  ['city', ['suburb', 'city', 'town']],
  ['postcode', ['postcode', 'zip', 'zipcode', 'postal_code']],
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

async function rowsOf(path: string, delimiter = ','): Promise<{ header: string[]; rows: string[][] }> {
  let header: string[] = [];
  const rows: string[][] = [];
  await readCsv(path, {
    delimiter,
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
      'truth-column': { type: 'string' },
      'truth-from-id': { type: 'string' },
      delimiter: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const files = (values.file ?? []) as string[];
  const truthKinds = (['truth', 'truth-column', 'truth-from-id'] as const).filter((k) => typeof values[k] === 'string');
  if (values.help || files.length === 0 || truthKinds.length !== 1) {
    if (!values.help && truthKinds.length > 1)
      process.stderr.write(`give one truth: --${truthKinds.join(' or --')}, not ${truthKinds.length}\n`);
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  let fromId: RegExp | null = null;
  if (typeof values['truth-from-id'] === 'string') {
    try {
      fromId = new RegExp(values['truth-from-id']);
    } catch (err) {
      process.stderr.write(`--truth-from-id: not a regular expression (${(err as Error).message})\n`);
      return 2;
    }
  }
  const delimiter = delimiterOf(typeof values.delimiter === 'string' ? values.delimiter : ',');
  const first = sniff(files[0]!)
    .toString('utf8')
    .split(/\r?\n/, 1)[0]!
    .split(delimiter)
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
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
  const ours = new Set(['file', 'truth', 'truth-column', 'truth-from-id', 'id', 'map', 'with-id', 'json', 'help']);
  const passed: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'option' && !ours.has(t.name)) passed.push(t.rawName, ...(t.value !== undefined ? [t.value] : []));
  }

  // The truth first, from the files where it is in them: a wrong column or expression fails before the run.
  // Records are keyed by file and id where the truth comes from the files (ids may repeat across them), by id
  // where it is a truth file (which names no file).
  const keyOf = (file: string, id: string) => (typeof values.truth === 'string' ? id : `${file}\u0000${id}`);
  let rowsIn = 0;
  const people = new Map<string, string[]>();
  const addTo = (person: string, key: string) => people.set(person, [...(people.get(person) ?? []), key]);
  for (const f of files) {
    const data = await rowsOf(f, delimiter);
    rowsIn += data.rows.length;
    if (typeof values.truth === 'string') continue;
    const idAt = data.header.indexOf(idColumn);
    const entityAt = typeof values['truth-column'] === 'string' ? data.header.indexOf(values['truth-column']) : -1;
    if (idAt < 0 || (fromId === null && entityAt < 0)) {
      const missing = idAt < 0 ? `the id column ${idColumn}` : `the truth column ${values['truth-column']}`;
      process.stderr.write(`${f}: ${missing} is not in the header (${data.header.join(', ')})\n`);
      return 2;
    }
    for (const row of data.rows) {
      const id = row[idAt]!.trim();
      if (fromId === null) {
        // An empty person is a record of no one else's (link files leave the people of one file alone unlabelled).
        const person = row[entityAt]!.trim();
        addTo(person === '' ? `\u0000${keyOf(f, id)}` : person, keyOf(f, id));
        continue;
      }
      const match = fromId.exec(id);
      if (!match) {
        process.stderr.write(`${f}: record id ${JSON.stringify(id)} does not match --truth-from-id ${fromId}\n`);
        return 2;
      }
      addTo(match[1] ?? match[0], keyOf(f, id));
    }
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

    const out = await rowsOf(output);
    const predicted = new Map<string, string[]>();
    const [fileAt, idAt, clusterAt] = [
      out.header.indexOf('source_file'),
      out.header.indexOf('id'),
      out.header.indexOf('cluster_id'),
    ];
    for (const row of out.rows)
      predicted.set(row[clusterAt]!, [...(predicted.get(row[clusterAt]!) ?? []), keyOf(row[fileAt]!, row[idAt]!)]);
    if (typeof values.truth === 'string') {
      const truth = await rowsOf(values.truth);
      const tId = truth.header.findIndex((h) => ['id', 'rec_id', 'record_id'].includes(h));
      const tEntity = truth.header.findIndex((h) => ['entity_id', 'person_id', 'cluster_id', 'true_id'].includes(h));
      if (tId < 0 || tEntity < 0) {
        process.stderr.write(
          `${values.truth}: expected an id column and an entity_id column, found ${truth.header.join(', ')}\n`,
        );
        return 2;
      }
      for (const row of truth.rows) addTo(row[tEntity]!, row[tId]!);
    }
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
