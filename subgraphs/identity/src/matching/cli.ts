import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { ATTRIBUTES, isAttribute, type Attribute, type InputRecord } from './attributes';
import { BLOCKING_RULES } from './blocking';
import { COMPARISONS } from './comparisons';
import { csvField, readCsv } from './csv';
import {
  DEFAULT_GUARDS,
  DEFAULT_THRESHOLDS,
  checkThresholds,
  linkRecords,
  type Phase,
  type LinkResult,
} from './engine';
import { MatchModel } from './model';
import { normalizeRecord, type NormalizedRecord } from './normalize';

/** A mistake in how the command was called: reported without a stack, exit code 2. */
class UsageError extends Error {}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** Ignored values (not bad rows) listed one by one per file before they are only counted. */
const IGNORED_VALUES_LISTED = 20;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether stderr is a terminal: a live progress bar there, plain progress lines otherwise. */
  stderrIsTTY: boolean;
}

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
});

const HELP = `Usage: c360 resolve --input FILE.csv [--input OTHER.csv] --id COLUMN
                     --map ATTRIBUTE=COLUMN[,ATTRIBUTE=COLUMN...] --output clusters.csv [options]

Finds the records that are one person, with a Fellegi–Sunter model over
blocked candidate pairs, in memory. One input is deduplicated; with two,
records are linked across them (pairs within one file are never compared).

Writes one row per input record: source_file,id,cluster_id,score, where score
is the best pair score of the record within its cluster (empty when alone).
Bad rows (wrong column count, empty or repeated id, a date of birth that is
not a date, unreadable CSV) are reported on stderr with their line and skipped.

Options:
  --input FILE          CSV with a header row; once to deduplicate, twice to link
  --id COLUMN           column holding each record's id (unique within its file)
  --map A=COL,...       which column holds which attribute; repeatable. Attributes:
                        ${ATTRIBUTES.join(', ')}
  --output FILE         where to write the clusters (CSV)
  --threshold-upper N   score from which a pair is linked (default ${DEFAULT_THRESHOLDS.upper})
  --threshold-lower N   score from which a pair is sent to review (default ${DEFAULT_THRESHOLDS.lower})
  --no-guards           link on score alone; by default a pair whose given name or date of
                        birth differs outright goes to review however high its score
  --em                  estimate m and u from the data with EM, whatever the number of pairs
  --no-em               use the configured m and u (built-in, or --model) as they are
                        (default: EM when there are at least 1000 candidate pairs)
  --model FILE.json     m, u and lambda to use (or to start EM from), as written by --save-model
  --save-model FILE     write the model used (estimated or configured) as JSON
  --review FILE         write the pairs to review (between the thresholds) with their breakdown
  --max-block-size N    skip blocking keys shared by more records than this (default 100)
  --default-region CC   region of national-format phones of records without a country (default FR)
  --date-order dmy|mdy  how to read an ambiguous date such as 03/04/1980 (default dmy)
  --delimiter C         field delimiter (default ,)
  --help                show this help

Scores are sums of log2(m/u) over the comparisons:
${COMPARISONS.map((c) => `  ${c.name.padEnd(14)} ${c.levels.join(' / ')}`).join('\n')}
Blocking keys (a pair is compared when it shares one):
${BLOCKING_RULES.map((r) => `  ${r.name.padEnd(27)} ${r.description}`).join('\n')}
`;

interface Config {
  inputs: string[];
  idColumn: string;
  map: Map<Attribute, string>;
  output: string;
  thresholds: { upper: number; lower: number };
  estimate: 'auto' | 'always' | 'never';
  guards: boolean;
  model: MatchModel | undefined;
  saveModel: string | undefined;
  review: string | undefined;
  maxBlockSize: number;
  defaultRegion: string;
  dateOrder: 'DMY' | 'MDY';
  delimiter: string;
}

function parseConfig(argv: string[]): Config | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        input: { type: 'string', multiple: true },
        id: { type: 'string' },
        map: { type: 'string', multiple: true },
        output: { type: 'string' },
        'threshold-upper': { type: 'string' },
        'threshold-lower': { type: 'string' },
        em: { type: 'boolean' },
        'no-guards': { type: 'boolean' },
        'no-em': { type: 'boolean' },
        model: { type: 'string' },
        'save-model': { type: 'string' },
        review: { type: 'string' },
        'max-block-size': { type: 'string' },
        'default-region': { type: 'string' },
        'date-order': { type: 'string' },
        delimiter: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('expected a command: resolve');
  if (positionals[0] !== 'resolve' || positionals.length > 1) {
    throw new UsageError(`expected the command "resolve", received "${positionals.join(' ')}"`);
  }

  const inputs = values.input ?? [];
  if (inputs.length < 1 || inputs.length > 2) {
    throw new UsageError(`expected --input once (deduplicate) or twice (link), received it ${inputs.length} times`);
  }
  if (!values.id) throw new UsageError('expected --id COLUMN, the column holding record ids');
  if (!values.output) throw new UsageError('expected --output FILE, where to write the clusters');
  if (!values.map || values.map.length === 0) throw new UsageError('expected --map ATTRIBUTE=COLUMN[,…]');

  const map = new Map<Attribute, string>();
  for (const entry of values.map.flatMap((m) => m.split(','))) {
    const eq = entry.indexOf('=');
    const [attribute, column] = eq < 0 ? [entry.trim(), ''] : [entry.slice(0, eq).trim(), entry.slice(eq + 1).trim()];
    if (eq < 0 || column === '') {
      throw new UsageError(`expected --map entries as ATTRIBUTE=COLUMN, received "${entry}"`);
    }
    if (!isAttribute(attribute)) {
      throw new UsageError(`unknown attribute "${attribute}" in --map; expected one of ${ATTRIBUTES.join(', ')}`);
    }
    if (map.has(attribute)) throw new UsageError(`attribute "${attribute}" is mapped twice in --map`);
    map.set(attribute, column);
  }

  const number = (name: string, raw: string | undefined, fallback: number, integer = false) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 2))) {
      throw new UsageError(`expected --${name} to be ${integer ? 'an integer ≥ 2' : 'a number'}, received "${raw}"`);
    }
    return n;
  };
  const thresholds = {
    upper: number('threshold-upper', values['threshold-upper'], DEFAULT_THRESHOLDS.upper),
    lower: number('threshold-lower', values['threshold-lower'], DEFAULT_THRESHOLDS.lower),
  };
  try {
    checkThresholds(thresholds);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.em && values['no-em']) throw new UsageError('expected at most one of --em and --no-em, received both');

  let model: MatchModel | undefined;
  if (values.model) {
    try {
      model = MatchModel.fromJSON(JSON.parse(readFileSync(values.model, 'utf8')));
    } catch (err) {
      throw new UsageError(`cannot use --model ${values.model}: ${(err as Error).message}`);
    }
  }

  const dateOrder = (values['date-order'] ?? 'dmy').toUpperCase();
  if (dateOrder !== 'DMY' && dateOrder !== 'MDY') {
    throw new UsageError(`expected --date-order dmy or mdy, received "${values['date-order']}"`);
  }
  const defaultRegion = (values['default-region'] ?? 'FR').toUpperCase();
  if (!/^[A-Z]{2}$/.test(defaultRegion)) {
    throw new UsageError(`expected --default-region to be a two-letter country code, received "${defaultRegion}"`);
  }
  const delimiter = values.delimiter ?? ',';
  if (delimiter.length !== 1) throw new UsageError(`expected --delimiter to be one character, received "${delimiter}"`);

  for (const input of inputs) {
    let isFile = false;
    try {
      isFile = statSync(input).isFile();
    } catch {}
    if (!isFile) throw new UsageError(`cannot read --input ${input}: no such file`);
  }

  return {
    inputs,
    idColumn: values.id,
    map,
    output: values.output,
    thresholds,
    estimate: values.em ? 'always' : values['no-em'] ? 'never' : 'auto',
    guards: !values['no-guards'],
    model,
    saveModel: values['save-model'],
    review: values.review,
    maxBlockSize: number('max-block-size', values['max-block-size'], 100, true),
    defaultRegion,
    dateOrder,
    delimiter,
  };
}

/** Progress on stderr: a live bar on a terminal, a few plain lines otherwise (logs, CI). */
class Progress {
  private bar: SingleBar | null = null;
  private label = '';
  private started = 0;
  private lastStep = -1;

  constructor(private readonly io: CliIo) {}

  start(label: string, total: number): void {
    this.stop();
    this.label = label;
    this.started = performance.now();
    this.lastStep = -1;
    if (this.io.stderrIsTTY) {
      this.bar = new SingleBar({
        stream: this.io.stderr,
        format: `${label.padEnd(22)} [{bar}] {percentage}% | {detail}`,
        barsize: 30,
        hideCursor: true,
        clearOnComplete: true,
        fps: 10,
      });
      this.bar.start(Math.max(total, 1), 0, { detail: '' });
    }
  }

  update(done: number, total: number, detail: string): void {
    if (this.bar) {
      this.bar.setTotal(Math.max(total, 1));
      this.bar.update(done, { detail });
      return;
    }
    // Plain lines at each quarter of a phase that lasts (a log shows a long
    // batch moving, and a short one only its phases' closing lines).
    const step = total > 0 ? Math.floor((4 * done) / total) : 0;
    if (step > this.lastStep && step < 4 && done > 0 && performance.now() - this.started >= 1000) {
      this.lastStep = step;
      this.io.stderr.write(`[c360] ${this.label}: ${Math.floor((100 * done) / total)}% (${detail})\n`);
    }
  }

  /** A line of its own; on a terminal the bar's line is cleared first and the bar redrawn below. */
  log(line: string): void {
    if (this.bar) {
      this.io.stderr.write(`\r\u001b[2K${line}\n`);
      this.bar.render();
    } else this.io.stderr.write(`${line}\n`);
  }

  /** Ends the current phase with one line saying what it did. */
  done(detail: string): void {
    this.stop();
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.io.stderr.write(`[c360] ${this.label}: ${detail} in ${seconds}s\n`);
    this.label = '';
  }

  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }
}

interface Loaded {
  records: NormalizedRecord[];
  /** Per record: the input file it came from. */
  files: string[];
  rowsRead: number[];
  badRows: number[];
  ignoredValues: number[];
}

const columnList = (header: string[]) => (header.length > 0 ? header.join(', ') : '(none: the file is empty)');

async function loadInputs(config: Config, progress: Progress): Promise<Loaded> {
  const loaded: Loaded = { records: [], files: [], rowsRead: [], badRows: [], ignoredValues: [] };
  const say = (line: string) => progress.log(line);

  for (const [source, file] of config.inputs.entries()) {
    let idIndex = -1;
    let columnCount = 0;
    const mapped: [Attribute, number][] = [];
    const seenIds = new Map<string, number>();
    let [rows, bad, ignored] = [0, 0, 0];
    const ignoredByAttribute = new Map<string, number>();
    const reject = (line: string, why: string) => {
      bad++;
      say(`${file}: line ${line}: ${why}; row skipped`);
    };

    progress.start(`reading ${file}`, 1);
    await readCsv(file, {
      delimiter: config.delimiter,
      onHeader: (header) => {
        const columns = header.map((h) => h.trim());
        columnCount = columns.length;
        const find = (column: string, where: string) => {
          const at = columns.indexOf(column);
          if (at < 0) {
            throw new UsageError(
              `unknown column "${column}" in ${where}: ${file} has the columns ${columnList(columns)}`,
            );
          }
          if (columns.indexOf(column, at + 1) >= 0) {
            throw new UsageError(`column "${column}" in ${where} appears more than once in the header of ${file}`);
          }
          return at;
        };
        idIndex = find(config.idColumn, `--id ${config.idColumn}`);
        for (const [attribute, column] of config.map)
          mapped.push([attribute, find(column, `--map ${attribute}=${column}`)]);
      },
      onRow: (fields, line) => {
        rows++;
        if (fields.length !== columnCount) {
          reject(`${line}`, `expected ${columnCount} columns, found ${fields.length}`);
          return;
        }
        const id = fields[idIndex]!.trim();
        if (id === '') return reject(`${line}`, `empty id in column "${config.idColumn}"`);
        const first = seenIds.get(id);
        if (first !== undefined) return reject(`${line}`, `id "${id}" already used on line ${first}`);
        const input: InputRecord = { source, id, values: {} };
        for (const [attribute, index] of mapped) input.values[attribute] = fields[index];
        const { record, issues } = normalizeRecord(input, loaded.records.length, {
          defaultRegion: config.defaultRegion,
          dateOrder: config.dateOrder,
        });
        const column = (a: Attribute) => `${a} (column "${config.map.get(a)}")`;
        const fatal = issues.filter((i) => i.fatal);
        if (fatal.length > 0) {
          return reject(`${line}`, fatal.map((i) => `${column(i.attribute)}: ${i.message}`).join('; '));
        }
        for (const issue of issues) {
          ignored++;
          ignoredByAttribute.set(issue.attribute, (ignoredByAttribute.get(issue.attribute) ?? 0) + 1);
          if (ignored <= IGNORED_VALUES_LISTED) {
            say(`${file}: line ${line}: ${column(issue.attribute)} ignored: ${issue.message}`);
          }
        }
        seenIds.set(id, line);
        loaded.records.push(record);
        loaded.files.push(file);
      },
      onUnreadable: ({ fromLine, toLine, message }) => {
        rows++;
        reject(fromLine === toLine ? `${fromLine}` : `${fromLine}-${toLine}`, `unreadable CSV (${message})`);
      },
      onProgress: (bytes, total) =>
        progress.update(bytes, total, `${(bytes / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB`),
    });
    if (ignored > IGNORED_VALUES_LISTED) {
      const counts = [...ignoredByAttribute].map(([a, n]) => `${a} ${n}`).join(', ');
      say(`${file}: ${ignored} values ignored in all (${counts}); the first ${IGNORED_VALUES_LISTED} are listed above`);
    }
    loaded.rowsRead.push(rows);
    loaded.badRows.push(bad);
    loaded.ignoredValues.push(ignored);
    progress.done(`${rows - bad} records read, ${bad} bad rows skipped`);
  }
  return loaded;
}

const PHASE_LABELS: Record<Phase, string> = {
  blocking: 'blocking',
  comparing: 'comparing pairs',
  estimating: 'estimating m/u (EM)',
  scoring: 'scoring and clustering',
};

function clusterIds(result: LinkResult): (cluster: number) => string {
  const width = Math.max(6, String(result.clusters.count).length);
  return (cluster) => `C${String(cluster + 1).padStart(width, '0')}`;
}

function writeClusters(path: string, loaded: Loaded, result: LinkResult): void {
  const id = clusterIds(result);
  const lines = ['source_file,id,cluster_id,score'];
  for (const record of loaded.records) {
    const best = result.bestScore[record.index]!;
    lines.push(
      [
        csvField(loaded.files[record.index]!),
        csvField(record.id),
        id(result.clusters.clusterOf[record.index]!),
        Number.isNaN(best) ? '' : best.toFixed(2),
      ].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function writeReview(path: string, loaded: Loaded, result: LinkResult): number {
  const lines = ['left_file,left_id,right_file,right_id,score,probability,guards,breakdown'];
  const pairs = result.reviewPairs();
  for (const p of pairs) {
    const pair = result.pair(p);
    const breakdown = pair.breakdown
      .filter((b) => b.level !== 'missing')
      .map((b) => `${b.comparison}=${b.level}(${b.weight >= 0 ? '+' : ''}${b.weight.toFixed(2)})`)
      .join(' ');
    lines.push(
      [
        csvField(loaded.files[pair.left.index]!),
        csvField(pair.left.id),
        csvField(loaded.files[pair.right.index]!),
        csvField(pair.right.id),
        pair.score.toFixed(2),
        pair.probability.toFixed(4),
        csvField(pair.guards.join(' ')),
        csvField(breakdown),
      ].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return pairs.length;
}

async function resolveCommand(config: Config, io: CliIo): Promise<void> {
  const progress = new Progress(io);
  try {
    await resolveWith(config, io, progress);
  } finally {
    progress.stop();
  }
}

async function resolveWith(config: Config, io: CliIo, progress: Progress): Promise<void> {
  const started = performance.now();
  const loaded = await loadInputs(config, progress);

  let phase: Phase | null = null;
  const result = linkRecords(loaded.records, {
    mode: config.inputs.length === 2 ? 'link' : 'dedupe',
    thresholds: config.thresholds,
    guards: config.guards ? DEFAULT_GUARDS : [],
    model: config.model,
    estimate: config.estimate,
    maxBlockSize: config.maxBlockSize,
    onProgress: (next, done, total) => {
      if (next !== phase) {
        if (phase) progress.done('done');
        phase = next;
        progress.start(PHASE_LABELS[next], total);
      }
      progress.update(done, total, total > 0 ? `${done}/${total}` : `${done}`);
    },
  });
  if (phase) progress.done('done');

  writeClusters(config.output, loaded, result);
  const reviewed = config.review ? writeReview(config.review, loaded, result) : null;
  if (config.saveModel) writeFileSync(config.saveModel, `${JSON.stringify(result.model.toJSON(), null, 2)}\n`);

  const seconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const sizes = result.clusters.sizes;
  let singletons = 0;
  let largest = 0;
  for (const size of sizes) {
    if (size === 1) singletons++;
    largest = Math.max(largest, size);
  }
  const oversized = result.blocking.filter((b) => b.oversized > 0);
  const rows = loaded.rowsRead.reduce((s, n) => s + n, 0);
  const bad = loaded.badRows.reduce((s, n) => s + n, 0);
  const estimation = result.estimation
    ? `EM, ${result.estimation.iterations} iterations, ${result.estimation.converged ? 'converged' : 'NOT converged'}; ` +
      `${(result.model.lambda * 100).toFixed(2)}% of candidate pairs estimated to match`
    : `configured (${config.model ? '--model' : 'built-in'}): ${result.estimationSkipped}`;
  const summary = [
    'c360 resolve: summary',
    `  records          ${loaded.records.length} (${rows} rows read, ${bad} bad rows skipped${
      config.inputs.length > 1
        ? `; ${config.inputs.map((f, i) => `${f}: ${loaded.rowsRead[i]! - loaded.badRows[i]!}`).join(', ')}`
        : ''
    })`,
    `  candidate pairs  ${result.pairCount} (${result.patternCount} distinct comparison vectors)${
      oversized.length > 0
        ? `; blocks over ${config.maxBlockSize} records skipped: ${oversized.map((b) => `${b.rule} ${b.oversized}`).join(', ')}`
        : ''
    }`,
    `  m/u              ${estimation}`,
    `  links            ${result.links} pairs scored ≥ ${config.thresholds.upper}${
      result.guarded > 0
        ? ` (and ${result.guarded} more sent to review by a guard: given name or date of birth different)`
        : ''
    }`,
    `  review           ${result.reviews} pairs scored ≥ ${config.thresholds.lower} and not linked, across clusters${
      reviewed !== null ? ` (written to ${config.review})` : ' (--review FILE writes them)'
    }`,
    `  clusters         ${result.clusters.count} (${sizes.length - singletons} of several records, ${singletons} records alone, largest ${largest})`,
    `  time             ${seconds.toFixed(1)} s`,
    `  peak memory      ${peakMb.toFixed(0)} MB (max RSS)`,
    `  output           ${config.output}`,
  ];
  io.stderr.write(`${summary.join('\n')}\n`);
  if (result.estimation && !result.estimation.converged) {
    io.stderr.write('c360: warning: EM did not converge; the scores use its last estimate\n');
  }
}

/** Runs the CLI; resolves to the exit code (0 done, 1 failed, 2 misuse). */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    const config = parseConfig(argv);
    if (config === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    await resolveCommand(config, io);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`c360: ${err.message}\nRun "c360 --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`c360: failed: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FAILURE;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
