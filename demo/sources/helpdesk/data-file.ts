import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import type { HelpdeskData } from './types';

/** Repository root: relative data paths are taken from here, not from the cwd. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where the demo seed writes the help desk's data, relative to the repository root. */
export const DEFAULT_HELPDESK_DATA_FILE = '.data/helpdesk/helpdesk.json';

/** The parts of a data file, in the order they are written. */
const ARRAYS = ['users', 'tickets', 'ticket_metrics'] as const;
const FIRST_LINE = `{"${ARRAYS[0]}":[`;

/** Absolute path of a help-desk data file given relative to the repository root (or absolute). */
export function resolveHelpdeskDataFile(file: string = DEFAULT_HELPDESK_DATA_FILE): string {
  return path.resolve(REPO_ROOT, file);
}

/**
 * The data file's text, in pieces of a few hundred lines: JSON with one record (or one comment
 * count) per line, so that neither writing nor reading ever holds the whole file in one string
 * (V8 refuses strings over 512 MiB: the help desk of a million people is about 800 MB).
 */
export function* helpdeskDataLines(data: HelpdeskData): Generator<string> {
  let lines: string[] = [];
  const piece = () => {
    const text = `${lines.join('\n')}\n`;
    lines = [];
    return text;
  };
  for (const [i, key] of ARRAYS.entries()) {
    lines.push(i === 0 ? FIRST_LINE : `],"${key}":[`);
    const items = data[key] as readonly unknown[];
    for (let j = 0; j < items.length; j++) {
      lines.push(`${JSON.stringify(items[j])}${j < items.length - 1 ? ',' : ''}`);
      if (lines.length >= 500) yield piece();
    }
  }
  lines.push('],"comment_counts":{');
  const counts = Object.entries(data.comment_counts);
  for (let j = 0; j < counts.length; j++) {
    const [ticket, count] = counts[j]!;
    lines.push(`${JSON.stringify(ticket)}:${JSON.stringify(count)}${j < counts.length - 1 ? ',' : ''}`);
    if (lines.length >= 500) yield piece();
  }
  lines.push('}}');
  yield piece();
}

/** Parses a data file written by this module, line by line (see helpdeskDataLines). */
function parseLines(buffer: Buffer, file: string): HelpdeskData {
  const data: HelpdeskData = { users: [], tickets: [], ticket_metrics: [], comment_counts: {} };
  let into: unknown[] | null = null;
  let inCounts = false;
  let lineNumber = 0;
  for (let start = 0; start < buffer.length;) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    const raw = buffer.toString('utf8', start, end);
    start = end + 1;
    lineNumber += 1;
    const line = raw.endsWith(',') ? raw.slice(0, -1) : raw;
    if (line === '' || line === '}}') continue;
    const opening = /^(?:\{|\],)"(\w+)":[[{]$/.exec(line);
    if (opening) {
      const key = opening[1]!;
      if (key === 'comment_counts') {
        into = null;
        inCounts = true;
      } else if ((ARRAYS as readonly string[]).includes(key)) {
        into = data[key as (typeof ARRAYS)[number]] as unknown[];
      } else {
        throw new Error(`${file}:${lineNumber}: unknown part "${key}" of a help-desk data file`);
      }
      continue;
    }
    try {
      if (inCounts) Object.assign(data.comment_counts, JSON.parse(`{${line}}`));
      else if (into) into.push(JSON.parse(line));
      else throw new Error('a record outside any part');
    } catch (err) {
      throw new Error(
        `${file}:${lineNumber}: not a help-desk data file line (${(err as Error).message}); run the demo seed again`,
      );
    }
  }
  return data;
}

/** The records of a data file, or null when there is no such file. */
export function readHelpdeskDataFile(file: string): HelpdeskData | null {
  const absolute = resolveHelpdeskDataFile(file);
  if (!existsSync(absolute)) return null;
  const buffer = readFileSync(absolute);
  // Files of this module's layout are read line by line; any other JSON (an older seed's) whole.
  if (buffer.toString('utf8', 0, FIRST_LINE.length + 1) === `${FIRST_LINE}\n`) return parseLines(buffer, absolute);
  return JSON.parse(buffer.toString('utf8')) as HelpdeskData;
}

/** Replaces a data file with these records (written under a temporary name, then renamed). */
export function writeHelpdeskDataFile(file: string, data: HelpdeskData): void {
  const absolute = resolveHelpdeskDataFile(file);
  const temporary = `${absolute}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    for (const piece of helpdeskDataLines(data)) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, absolute);
}

/** Like writeHelpdeskDataFile, without blocking: for the seed's large files. */
export async function writeHelpdeskDataFileAsync(file: string, data: HelpdeskData): Promise<void> {
  const absolute = resolveHelpdeskDataFile(file);
  const temporary = `${absolute}.${process.pid}.tmp`;
  await pipeline(Readable.from(helpdeskDataLines(data)), createWriteStream(temporary));
  renameSync(temporary, absolute);
}
