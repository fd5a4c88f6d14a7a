import {
  accessSync,
  closeSync,
  constants as fsConstants,
  createReadStream,
  createWriteStream,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { SingleBar } from 'cli-progress';
import { parse as parseYaml } from 'yaml';
import { usableCpus } from '@c360/kit/cpus';
import { runBatch, type BatchPhase, type BatchResult } from './batch';
import { csvField } from './csv';
import {
  EMPTY,
  FIELD_TYPES,
  KNOWN_ATTRIBUTES,
  NORMALISED,
  TYPE_LEVELS,
  isFieldType,
  normalizeValue,
  type FieldSpec,
  type NormalizeContext,
} from './fields';

/** A mistake in how the command was called or in its input: one message, exit code 2, no output written. */
export class UsageError extends Error {}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

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

const KNOWN = Object.keys(KNOWN_ATTRIBUTES);

const HELP = `Usage: c360 resolve --input FILE.csv [--input OTHER.csv] --id COLUMN
                     --map ATTRIBUTE=COLUMN[:TYPE][,...] --output clusters.csv [options]

Finds the records that are one person: Fellegi–Sunter over blocked candidate
pairs, m and u fitted on the data itself (no labels). One input is
deduplicated; with two, records are linked across them.

Writes one row per input record: source_file,id,cluster_id. No row is
dropped for a value that does not parse (a date 19310175, a phone "n/a 555"):
it is kept as text and compared by edit distance. A row is refused only for
a structural reason (wrong number of fields, no id): an error naming the file
and line, or, with --skip-bad-lines, a report.

Options:
  --input FILE          CSV with a header row; once to deduplicate, twice to link
  --id COLUMN           column holding each record's id (unique within its file)
  --map A=COL[:TYPE],…  which column holds which attribute; repeatable. Known attributes:
                        ${KNOWN.join(', ')}
                        Any other attribute needs a type: member_no=memberid:identifier
                        Types: ${FIELD_TYPES.join(', ')}
  --config FILE.yaml    the same settings from a file: id, map (attribute: column, or
                        attribute: {column, type}), delimiter, precision, threshold, …
  --output FILE         where to write the clusters (CSV)
  --pairs FILE          also write the scored candidate pairs (match probability ≥ 0.01)
                        with each attribute's level and weight
  --precision P         expected precision of automatic links, from which the threshold
                        is chosen on the fitted model (default 0.999)
  --threshold P         link pairs whose match probability is at least P (overrides --precision)
  --max-block-size N    blocks larger than this are skipped, with a warning (default 20000);
                        blocks over 12 records are compared by sorted neighbourhood
  --skip-bad-lines      report rows with a wrong number of fields or no id, instead of failing
  --default-region CC   region of national-format phone numbers (default FR)
  --date-order dmy|mdy  how to read an ambiguous date such as 03/04/1980 (default dmy)
  --delimiter C         field delimiter (default ,)
  --seed N              seed of the random pairs that estimate u (default 360)
  --threads N           threads comparing the candidate pairs (default: the cores this
                        process may use); the result is the same on any number
  --help                show this help

Comparison levels per type (best first; a missing value weighs nothing):
${FIELD_TYPES.map((t) => `  ${t.padEnd(11)} ${TYPE_LEVELS[t].join(' / ')}`).join('\n')}
`;

interface Mapping {
  attribute: string;
  column: string;
  spec: FieldSpec;
}

interface Config {
  inputs: string[];
  idColumn: string;
  map: Mapping[];
  output: string;
  pairs: string | undefined;
  precision: number;
  threshold: number | undefined;
  maxBlockSize: number;
  skipBadLines: boolean;
  normalize: NormalizeContext;
  delimiter: string;
  seed: number;
  threads: number;
}

const ATTRIBUTE_NAME = /^[a-z][a-z0-9_]*$/;

function parseMapEntry(name: string, column: string, typeName: string | undefined, where: string): Mapping {
  // Attribute and type names in any case (`Given_Name`, `:Identifier`); columns as the file spells them.
  const attribute = name.toLowerCase();
  const type = typeName?.toLowerCase();
  if (!ATTRIBUTE_NAME.test(attribute)) {
    throw new UsageError(
      `${where}: attribute "${attribute}" must be letters, digits and _, starting with a letter (e.g. member_no)`,
    );
  }
  if (column === '') throw new UsageError(`${where}: no column given for attribute "${attribute}"`);
  const known = KNOWN_ATTRIBUTES[attribute];
  if (type !== undefined && !isFieldType(type)) {
    throw new UsageError(
      `${where}: unknown type "${type}" for attribute "${attribute}"; expected one of ${FIELD_TYPES.join(', ')}`,
    );
  }
  if (!known && type === undefined) {
    throw new UsageError(
      `${where}: unknown attribute "${attribute}"; use a known one (${KNOWN.join(', ')}) or give it a type: ${attribute}=${column}:TYPE with TYPE one of ${FIELD_TYPES.join(', ')}`,
    );
  }
  const spec: FieldSpec =
    type === undefined || (known && known.type === type)
      ? { name: attribute, ...known! }
      : { name: attribute, type: type as FieldSpec['type'] };
  return { attribute, column, spec };
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
        config: { type: 'string' },
        output: { type: 'string' },
        pairs: { type: 'string' },
        precision: { type: 'string' },
        threshold: { type: 'string' },
        'max-block-size': { type: 'string' },
        'skip-bad-lines': { type: 'boolean' },
        'default-region': { type: 'string' },
        'date-order': { type: 'string' },
        delimiter: { type: 'string' },
        seed: { type: 'string' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  // `c360 resolve …` hands over the arguments after its command name; the module run alone gets them all.
  if (positionals[0] === 'resolve') positionals.shift();
  if (positionals.length > 0) {
    throw new UsageError(`expected the command "resolve", received "${positionals.join(' ')}"`);
  }

  let file: Record<string, unknown> = {};
  if (values.config) {
    if (!existsSync(values.config)) throw new UsageError(`cannot read --config ${values.config}: no such file`);
    try {
      const loaded = parseYaml(readFileSync(values.config, 'utf8')) as unknown;
      if (loaded === null || typeof loaded !== 'object' || Array.isArray(loaded))
        throw new Error('expected a mapping at the top level');
      file = loaded as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`cannot use --config ${values.config}: ${(err as Error).message}`);
    }
    const allowed = [
      'input',
      'id',
      'map',
      'output',
      'pairs',
      'precision',
      'threshold',
      'max_block_size',
      'skip_bad_lines',
      'default_region',
      'date_order',
      'delimiter',
      'seed',
      'threads',
    ];
    const unknown = Object.keys(file).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) {
      throw new UsageError(
        `--config ${values.config}: unknown setting ${unknown.join(', ')}; expected some of ${allowed.join(', ')}`,
      );
    }
  }
  const str = (flag: string | undefined, key: string): string | undefined => {
    if (flag !== undefined) return flag;
    const v = file[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new UsageError(`--config ${values.config}: expected ${key} to be a value, received ${JSON.stringify(v)}`);
    }
    return String(v);
  };

  const fileInputs =
    file.input === undefined ? [] : Array.isArray(file.input) ? file.input.map(String) : [String(file.input)];
  const inputs = values.input ?? fileInputs;
  if (inputs.length < 1 || inputs.length > 2) {
    throw new UsageError(`expected --input once (deduplicate) or twice (link), received it ${inputs.length} times`);
  }
  const idColumn = str(values.id, 'id');
  if (!idColumn) throw new UsageError('expected --id COLUMN, the column holding record ids');
  const output = str(values.output, 'output');
  if (!output) throw new UsageError('expected --output FILE, where to write the clusters');

  const map: Mapping[] = [];
  if (values.map && values.map.length > 0) {
    for (const entry of values.map
      .flatMap((m) => m.split(','))
      .map((e) => e.trim())
      .filter(Boolean)) {
      const eq = entry.indexOf('=');
      if (eq < 0)
        throw new UsageError(
          `expected --map entries as ATTRIBUTE=COLUMN or ATTRIBUTE=COLUMN:TYPE, received "${entry}"`,
        );
      const attribute = entry.slice(0, eq).trim();
      const rest = entry.slice(eq + 1).trim();
      const colon = rest.lastIndexOf(':');
      const [column, type] =
        colon < 0 ? [rest, undefined] : [rest.slice(0, colon).trim(), rest.slice(colon + 1).trim()];
      map.push(parseMapEntry(attribute, column, type, '--map'));
    }
  } else if (file.map !== undefined) {
    if (file.map === null || typeof file.map !== 'object' || Array.isArray(file.map)) {
      throw new UsageError(
        `--config ${values.config}: expected map to be attribute: column or attribute: {column, type}`,
      );
    }
    for (const [attribute, value] of Object.entries(file.map as Record<string, unknown>)) {
      if (typeof value === 'string') map.push(parseMapEntry(attribute, value, undefined, `--config ${values.config}`));
      else if (value && typeof value === 'object' && typeof (value as { column?: unknown }).column === 'string') {
        const v = value as { column: string; type?: unknown };
        map.push(
          parseMapEntry(
            attribute,
            v.column,
            v.type === undefined ? undefined : String(v.type),
            `--config ${values.config}`,
          ),
        );
      } else {
        throw new UsageError(
          `--config ${values.config}: expected map.${attribute} to be a column name or {column, type}`,
        );
      }
    }
  }
  if (map.length === 0) throw new UsageError('expected --map ATTRIBUTE=COLUMN[,…] (or map: in --config)');
  const seen = new Set<string>();
  for (const m of map) {
    if (seen.has(m.attribute)) throw new UsageError(`attribute "${m.attribute}" is mapped twice`);
    seen.add(m.attribute);
  }
  if (map.length > 24) throw new UsageError(`expected at most 24 mapped attributes, received ${map.length}`);

  const number = (
    name: string,
    raw: string | undefined,
    fallback: number,
    check: (n: number) => boolean,
    what: string,
  ) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || !check(n))
      throw new UsageError(`expected --${name} to be ${what}, received "${raw}"`);
    return n;
  };
  const precision = number(
    'precision',
    str(values.precision, 'precision'),
    0.999,
    (n) => n > 0.5 && n < 1,
    'a probability in (0.5, 1)',
  );
  const rawThreshold = str(values.threshold, 'threshold');
  const threshold =
    rawThreshold === undefined
      ? undefined
      : number('threshold', rawThreshold, 0, (n) => n > 0 && n < 1, 'a match probability in (0, 1)');
  const maxBlockSize = number(
    'max-block-size',
    str(values['max-block-size'], 'max_block_size'),
    20_000,
    (n) => Number.isInteger(n) && n >= 2,
    'an integer ≥ 2',
  );
  const seed = number('seed', str(values.seed, 'seed'), 360, Number.isInteger, 'an integer');
  const threads = number(
    'threads',
    str(values.threads, 'threads'),
    usableCpus(),
    (n) => Number.isInteger(n) && n >= 1 && n <= 64,
    'an integer from 1 to 64',
  );
  const dateOrder = (str(values['date-order'], 'date_order') ?? 'dmy').toUpperCase();
  if (dateOrder !== 'DMY' && dateOrder !== 'MDY')
    throw new UsageError(`expected --date-order dmy or mdy, received "${dateOrder.toLowerCase()}"`);
  const defaultRegion = (str(values['default-region'], 'default_region') ?? 'FR').toUpperCase();
  if (!/^[A-Z]{2}$/.test(defaultRegion))
    throw new UsageError(`expected --default-region to be a two-letter country code, received "${defaultRegion}"`);
  const delimiter = str(values.delimiter, 'delimiter') ?? ',';
  const delim = delimiterOf(delimiter);
  if (delim.length !== 1) throw new UsageError(`expected --delimiter to be one character, received "${delimiter}"`);

  for (const input of inputs) {
    let isFile = false;
    try {
      isFile = statSync(input).isFile();
    } catch {}
    if (!isFile) throw new UsageError(`cannot read --input ${input}: no such file`);
  }
  if (inputs.length === 2 && inputs[0] === inputs[1])
    throw new UsageError(`expected two different files to link, received ${inputs[0]} twice`);
  // Where the results go is checked before the run, not after it (a million rows take minutes).
  const pairs = str(values.pairs, 'pairs');
  for (const [option, target] of [
    ['--output', output],
    ['--pairs', pairs],
  ] as const) {
    if (target === undefined) continue;
    const folder = dirname(resolvePath(target));
    let isDirectory = false;
    try {
      isDirectory = statSync(folder).isDirectory();
    } catch {}
    if (!isDirectory) throw new UsageError(`cannot write ${option} ${target}: the folder ${folder} does not exist`);
    try {
      accessSync(folder, fsConstants.W_OK);
    } catch {
      throw new UsageError(`cannot write ${option} ${target}: the folder ${folder} is not writable`);
    }
    if (inputs.some((input) => resolvePath(input) === resolvePath(target)))
      throw new UsageError(`${option} ${target} is one of the inputs: name another file for the results`);
  }

  return {
    inputs,
    idColumn,
    map,
    output,
    pairs,
    precision,
    threshold,
    maxBlockSize,
    skipBadLines: values['skip-bad-lines'] ?? file.skip_bad_lines === true,
    normalize: { dateOrder, defaultRegion },
    delimiter: delim,
    seed,
    threads,
  };
}

/** Progress on stderr: a live bar with rate and ETA on a terminal, a few plain lines otherwise. */
class Progress {
  private bar: SingleBar | null = null;
  private label = '';
  private unit = '';
  private started = 0;
  private lastLine = 0;

  constructor(private readonly io: CliIo) {}

  start(label: string, total: number, unit: string): void {
    this.stop();
    this.label = label;
    this.unit = unit;
    this.started = performance.now();
    this.lastLine = this.started;
    if (this.io.stderrIsTTY) {
      this.bar = new SingleBar({
        stream: this.io.stderr,
        format: `${label.padEnd(22)} [{bar}] {percentage}% | {detail} | ETA {eta_formatted}`,
        barsize: 30,
        hideCursor: true,
        clearOnComplete: true,
        fps: 5,
        etaBuffer: 50,
      });
      this.bar.start(Math.max(total, 1), 0, { detail: '' });
    }
  }

  private rate(count: number): string {
    const seconds = (performance.now() - this.started) / 1000;
    return seconds > 0 ? `${Math.round(count / seconds).toLocaleString('en')} ${this.unit}/s` : '';
  }

  update(done: number, total: number, count: number): void {
    const detail = `${count.toLocaleString('en')} ${this.unit}, ${this.rate(count)}`;
    if (this.bar) {
      this.bar.setTotal(Math.max(total, 1));
      this.bar.update(done, { detail });
      return;
    }
    const now = performance.now();
    if (now - this.lastLine >= 5000 && total > 0 && done > 0) {
      this.lastLine = now;
      const elapsed = (now - this.started) / 1000;
      const eta = Math.max(0, (elapsed * (total - done)) / done);
      this.io.stderr.write(
        `[c360] ${this.label}: ${Math.floor((100 * done) / total)}% (${detail}, ETA ${eta.toFixed(0)}s)\n`,
      );
    }
  }

  log(line: string): void {
    if (this.bar) {
      this.io.stderr.write(`\r\u001b[2K${line}\n`);
      this.bar.render();
    } else this.io.stderr.write(`${line}\n`);
  }

  done(detail: string): void {
    this.stop();
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.io.stderr.write(`[c360] ${this.label}: ${detail} in ${seconds}s\n`);
  }

  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }
}

interface ColumnReport {
  read: number;
  normalised: number;
  unparseable: number;
  empty: number;
}

interface Loaded {
  n: number;
  ids: string[];
  source: number[];
  keys: string[][];
  states: number[][];
  /** Per input: rows read and rows refused. */
  rows: number[];
  refused: number[];
  /** Per input, per mapped attribute. */
  reports: ColumnReport[][];
}

/** Reads the first bytes of a file to diagnose what cannot be a CSV: nothing at all, UTF-16, another encoding. */
/** A --delimiter as given (`tab` and `\\t` name a tab) as the character it names. */
export function delimiterOf(option: string): string {
  return option === '\\t' || option === 'tab' ? '\t' : option;
}

/** The first 64 KiB of a file. */
export function sniff(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const ENCODING_HINT = 'convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8.csv';

/** The bytes of a UTF-8 sequence cut by the end of a chunk (a streaming decoder holds them for the next one). */
function unfinishedSequence(chunk: Uint8Array): Uint8Array {
  for (let k = 1; k <= Math.min(3, chunk.length); k++) {
    const b = chunk[chunk.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: its lead byte is further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return chunk.subarray(length > k ? chunk.length - k : chunk.length);
  }
  return chunk.subarray(chunk.length);
}

/** The line (from 1) of a file that the byte at `offset` is on. */
function lineAt(file: string, offset: number): number {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    let line = 1;
    for (let position = 0; position < offset;) {
      const length = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
      if (length === 0) break;
      for (let i = buffer.indexOf(0x0a); i >= 0 && i < length; i = buffer.indexOf(0x0a, i + 1)) line++;
      position += length;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the first byte that is not UTF-8 lies in a chunk, given the unfinished sequence the previous chunk ended
 * with (`unfinishedSequence`): its offset in the chunk, or -1. A sequence cut by the chunk's end is not a fault.
 */
export function firstInvalidUtf8(chunk: Uint8Array, pending: Uint8Array = new Uint8Array(0)): number {
  const bytes = new Uint8Array(pending.length + chunk.length);
  bytes.set(pending);
  bytes.set(chunk, pending.length);
  // Narrow down by halves: the longest prefix that decodes (as a stream: a cut sequence at its end is allowed).
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (decodes(bytes.length)) return -1;
  let [good, bad] = [0, bytes.length];
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (decodes(mid)) good = mid;
    else bad = mid;
  }
  return Math.max(0, bad - 1 - pending.length);
}

function checkBytes(file: string, head: Buffer): void {
  if (head.toString('utf8').trim() === '') {
    throw new UsageError(`${file} is empty: expected a CSV file with a header row naming its columns`);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || head.includes(0)) {
    throw new UsageError(`${file} is not UTF-8 text (it looks like UTF-16 or binary): ${ENCODING_HINT}`);
  }
}

async function loadInputs(config: Config, progress: Progress): Promise<Loaded> {
  const F = config.map.length;
  const loaded: Loaded = {
    n: 0,
    ids: [],
    source: [],
    keys: config.map.map(() => []),
    states: config.map.map(() => []),
    rows: [],
    refused: [],
    reports: [],
  };
  for (const [source, file] of config.inputs.entries()) {
    const head = sniff(file);
    checkBytes(file, head);
    const total = statSync(file).size;
    const reports: ColumnReport[] = config.map.map(() => ({ read: 0, normalised: 0, unparseable: 0, empty: 0 }));
    let rows = 0;
    let refused = 0;
    let idIndex = -1;
    let columnCount = 0;
    let indexes: number[] = [];
    const seen = new Map<string, number>();
    const refuse = (line: number, why: string) => {
      if (!config.skipBadLines) {
        throw new UsageError(
          `${file}: line ${line}: ${why}; fix the line, or pass --skip-bad-lines to report such rows and go on`,
        );
      }
      refused++;
      if (refused <= 20) progress.log(`${file}: line ${line}: ${why}; row skipped`);
    };

    progress.start(`reading ${basename(file)}`, total, 'rows');
    const input = createReadStream(file);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bytes = 0;
    let pending: Uint8Array = new Uint8Array(0);
    const parser = parse({
      delimiter: config.delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    });
    const feeding = (async () => {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          const at = bytes - chunk.length + Math.max(0, firstInvalidUtf8(chunk, pending));
          throw new UsageError(
            `${file} is not valid UTF-8 (line ${lineAt(file, at)}, near byte ${at}): ${ENCODING_HINT}`,
          );
        }
        pending = unfinishedSequence(chunk);
        if (!parser.write(text)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    })();
    feeding.catch((err) => parser.destroy(err as Error));
    let header = true;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const line = info.lines;
        if (header) {
          header = false;
          const columns = record.map((h) => h.trim());
          columnCount = columns.length;
          const list = columns.join(', ');
          const find = (column: string, what: string) => {
            const at = columns.indexOf(column);
            if (at >= 0) return at;
            // `--id REC_ID` for a column `rec_id`: the one column of that name in another case.
            const folded = columns.flatMap((c, i) => (c.toLowerCase() === column.toLowerCase() ? [i] : []));
            if (folded.length === 1) return folded[0]!;
            if (columns.length === 1) {
              const other = [';', '\t', '|', ','].find((d) => d !== config.delimiter && columns[0]!.includes(d));
              if (other) {
                throw new UsageError(
                  `${file}: the header has one column "${columns[0]}": the file seems delimited by ${other === '\t' ? 'tabs' : `"${other}"`}; pass --delimiter ${other === '\t' ? 'tab' : `'${other}'`}`,
                );
              }
            }
            // A header names columns; a value made of digits (an id, a date, a phone) says the first line is data.
            if (columns.some((c) => /^[\d\s./:+-]+$/.test(c))) {
              throw new UsageError(
                `${file}: the first line (${list}) looks like data, not a header: add a header row naming the columns (${config.idColumn}, …)`,
              );
            }
            throw new UsageError(`${file}: no column "${column}" (${what}); the file has the columns ${list}`);
          };
          idIndex = find(config.idColumn, `--id ${config.idColumn}`);
          indexes = config.map.map((m) => find(m.column, `--map ${m.attribute}=${m.column}`));
          const used = new Set([idIndex, ...indexes]);
          const ignored = columns.filter((_, i) => !used.has(i));
          if (ignored.length > 0) progress.log(`${file}: columns not mapped, ignored: ${ignored.join(', ')}`);
          continue;
        }
        rows++;
        if (record.length !== columnCount) {
          refuse(line, `expected ${columnCount} fields as in the header, found ${record.length}`);
          continue;
        }
        const id = record[idIndex]!.trim();
        if (id === '') {
          refuse(line, `no id in column "${config.idColumn}"`);
          continue;
        }
        const first = seen.get(id);
        if (first !== undefined) {
          refuse(line, `id "${id}" already used on line ${first}`);
          continue;
        }
        seen.set(id, line);
        loaded.ids.push(id);
        loaded.source.push(source);
        for (let f = 0; f < F; f++) {
          const [key, state] = normalizeValue(config.map[f]!.spec.type, record[indexes[f]!]!, config.normalize);
          loaded.keys[f]!.push(key);
          loaded.states[f]!.push(state);
          const report = reports[f]!;
          report.read++;
          if (state === EMPTY) report.empty++;
          else if (state === NORMALISED) report.normalised++;
          else report.unparseable++;
        }
        if ((rows & 0x3fff) === 0) progress.update(bytes, total, rows);
      }
      await feeding;
    } catch (err) {
      input.destroy();
      if (err instanceof UsageError) throw err;
      const e = err as Error & { code?: string; lines?: number };
      if (e.code?.startsWith('CSV_')) {
        throw new UsageError(
          `${file}: line ${e.lines ?? '?'}: unreadable CSV (${e.message}); check the quoting or the --delimiter`,
        );
      }
      throw err;
    }
    if (header) throw new UsageError(`${file} is empty: expected a CSV file with a header row naming its columns`);
    if (rows === 0) throw new UsageError(`${file} has a header but no rows: nothing to match`);
    loaded.rows.push(rows);
    loaded.refused.push(refused);
    loaded.reports.push(reports);
    if (refused > 20) progress.log(`${file}: ${refused} rows skipped in all; the first 20 are listed above`);
    progress.done(
      `${(rows - refused).toLocaleString('en')} records read${refused > 0 ? `, ${refused} rows skipped (--skip-bad-lines)` : ''}`,
    );
  }
  loaded.n = loaded.ids.length;
  return loaded;
}

const PHASES: Record<BatchPhase, [string, string]> = {
  sampling: ['estimating u (random pairs)', 'pairs'],
  blocking: ['blocking', 'rules'],
  comparing: ['comparing candidates', 'pairs'],
  estimating: ['estimating m (EM per rule)', 'rules'],
  scoring: ['scoring', 'pairs'],
  clustering: ['clustering', 'pairs'],
};

/** Writes through a temporary file renamed at the end: a failure leaves no partial output. */
async function writeAtomically(path: string, lines: Iterable<string>): Promise<void> {
  const temp = `${path}.${process.pid}.partial`;
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(temp);
      out.on('error', reject);
      out.on('finish', resolve);
      let chunk: string[] = [];
      for (const line of lines) {
        chunk.push(line);
        if (chunk.length >= 20_000) {
          out.write(`${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`);
      out.end();
    });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

function* clusterLines(config: Config, loaded: Loaded, result: BatchResult): Generator<string> {
  yield 'source_file,id,cluster_id';
  const width = Math.max(6, String(result.clusterCount).length);
  const files = config.inputs.map(csvField);
  for (let i = 0; i < loaded.n; i++) {
    yield `${files[loaded.source[i]!]},${csvField(loaded.ids[i]!)},C${String(result.clusterOf[i]! + 1).padStart(width, '0')}`;
  }
}

function* pairLines(config: Config, loaded: Loaded, result: BatchResult): Generator<string> {
  const names = config.map.map((m) => m.attribute);
  yield [
    'left_file',
    'left_id',
    'right_file',
    'right_id',
    'match_weight',
    'match_probability',
    'linked',
    ...names,
  ].join(',');
  for (let p = 0; p < result.pairCount; p++) {
    const probability = result.probability(p);
    if (probability < 0.01) continue;
    const [a, b] = [result.left[p]!, result.right[p]!];
    const levels = result.levelsOf(p);
    const weights = result.contributions(p);
    yield [
      csvField(config.inputs[loaded.source[a]!]!),
      csvField(loaded.ids[a]!),
      csvField(config.inputs[loaded.source[b]!]!),
      csvField(loaded.ids[b]!),
      result.matchWeight[p]!.toFixed(2),
      probability.toFixed(6),
      result.clusterOf[a] === result.clusterOf[b] ? '1' : '0',
      ...config.map.map((m, f) =>
        levels[f]! < 0
          ? 'missing'
          : `${TYPE_LEVELS[m.spec.type][levels[f]!]}(${weights[f]! >= 0 ? '+' : ''}${weights[f]!.toFixed(2)})`,
      ),
    ].join(',');
  }
}

async function resolveCommand(config: Config, io: CliIo): Promise<void> {
  const progress = new Progress(io);
  try {
    const started = performance.now();
    const loaded = await loadInputs(config, progress);
    let phase: BatchPhase | null = null;
    const warnings: string[] = [];
    const result = runBatch(
      {
        fields: config.map.map((m) => m.spec),
        n: loaded.n,
        keys: loaded.keys,
        states: loaded.states.map((s) => Uint8Array.from(s)),
        source: Uint8Array.from(loaded.source),
      },
      {
        mode: config.inputs.length === 2 ? 'link' : 'dedupe',
        maxBlockSize: config.maxBlockSize,
        precision: config.precision,
        threshold: config.threshold,
        seed: config.seed,
        threads: config.threads,
        onWarning: (w) => {
          warnings.push(w);
          progress.log(`c360: warning: ${w}`);
        },
        onProgress: (next, done, total) => {
          if (next !== phase) {
            if (phase) progress.done('done');
            phase = next;
            progress.start(PHASES[next][0], total, PHASES[next][1]);
          }
          progress.update(done, total, done);
        },
      },
    );
    if (phase) progress.done('done');
    await writeAtomically(config.output, clusterLines(config, loaded, result));
    if (config.pairs) await writeAtomically(config.pairs, pairLines(config, loaded, result));

    const seconds = (performance.now() - started) / 1000;
    const records = loaded.n;
    const multi = new Map<number, number>();
    for (let i = 0; i < records; i++) multi.set(result.clusterOf[i]!, (multi.get(result.clusterOf[i]!) ?? 0) + 1);
    let largest = 0;
    let grouped = 0;
    for (const size of multi.values()) {
      largest = Math.max(largest, size);
      if (size > 1) grouped++;
    }
    const pad = (s: string | number, w: number) => String(s).padStart(w);
    const columnReport = config.inputs.flatMap((file, s) => [
      `  ${file}: ${loaded.rows[s]} rows read, ${loaded.rows[s]! - loaded.refused[s]!} kept${loaded.refused[s] ? `, ${loaded.refused[s]} refused (structural)` : ''}`,
      `    ${'attribute (column)'.padEnd(36)} ${pad('read', 9)} ${pad('normalised', 11)} ${pad('unparseable', 12)} ${pad('empty', 9)}`,
      ...config.map.map((m, f) => {
        const r = loaded.reports[s]![f]!;
        return `    ${`${m.attribute} (${m.column}, ${m.spec.type})`.padEnd(36)} ${pad(r.read, 9)} ${pad(r.normalised, 11)} ${pad(r.unparseable, 12)} ${pad(r.empty, 9)}`;
      }),
    ]);
    const shares = result.comparedChunks;
    const comparing =
      shares.length > 1
        ? `pairs compared on ${shares.length} threads, chunks per thread ${shares.join('/')}`
        : 'pairs compared on 1 thread';
    const summary = [
      'c360 resolve: summary',
      `  records          ${records} (none dropped for an unparseable value: such values are compared as text)`,
      `  candidate pairs  ${result.pairCount} from ${result.rules.length} blocking rules${warnings.length > 0 ? ` (${warnings.length} rules skipped oversized blocks)` : ''}`,
      `  model            u from random pairs, m by EM per blocking rule; prior P(match) of a random pair ${result.prior.toExponential(2)}`,
      `  threshold        match probability ≥ ${result.thresholdProbability.toFixed(6)} (weight ${result.thresholdWeight.toFixed(2)})${config.threshold === undefined ? `, chosen for an expected precision of ${config.precision}` : ' (--threshold)'}`,
      `  links            ${result.links} pairs linked${result.refused > 0 ? `; ${result.refused} links refused because they would join records the model says differ` : ''}`,
      `  clusters         ${result.clusterCount} (${grouped} of several records, largest ${largest})`,
      `  time             ${seconds.toFixed(1)} s (${Math.round(records / Math.max(seconds, 1e-3))} records/s; ${comparing})`,
      `  cpu time         ${((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)} s (user + system, whatever else runs on the machine)`,
      `  peak memory      ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (max RSS)`,
      `  output           ${config.output}${config.pairs ? `, pairs in ${config.pairs}` : ''}`,
      'blocking rules (candidate pairs; blocks of several records; of them compared by sorted neighbourhood; skipped):',
      ...result.rules.map(
        (r) =>
          `  ${r.rule.padEnd(40)} ${pad(r.pairs, 10)} ${pad(r.blocks, 9)} ${pad(r.windowed, 7)} ${pad(r.oversized, 5)}`,
      ),
      'columns:',
      ...columnReport,
    ];
    io.stderr.write(`${summary.join('\n')}\n`);
  } finally {
    progress.stop();
  }
}

/** Runs the CLI; resolves to the exit code (0 done, 1 failed, 2 misuse or bad input). */
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
      io.stderr.write(`c360: ${err.message}\nRun "c360 resolve --help" for usage.\n`);
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
