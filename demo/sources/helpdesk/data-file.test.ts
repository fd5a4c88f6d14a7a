import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDataset } from '../../seed/generate';
import { generateSupport } from '../../seed/sources/support';
import {
  helpdeskDataLines,
  readHelpdeskDataFile,
  writeHelpdeskDataFile,
  writeHelpdeskDataFileAsync,
} from './data-file';
import type { HelpdeskData } from './types';

const dataset = generateDataset({ people: 1500 });
const { data } = generateSupport({ seed: dataset.seed, nowMs: Date.parse(dataset.now), people: dataset.people });
const dir = mkdtempSync(path.join(tmpdir(), 'c360-helpdesk-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('help-desk data file', () => {
  it('is JSON with one record per line, written in pieces, and reads back the same, sync or not', async () => {
    expect(data.tickets.length).toBeGreaterThan(1000);
    const pieces = [...helpdeskDataLines(data)];
    // No piece holds the whole file: a million people's help desk is more than one string may hold.
    expect(pieces.length).toBeGreaterThan(3);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(pieces.join('').length / 2);
    const text = pieces.join('');
    expect(JSON.parse(text)).toEqual(data);
    expect(text.split('\n').length).toBeGreaterThan(
      data.users.length + data.tickets.length + data.ticket_metrics.length,
    );

    const sync = path.join(dir, 'sync.json');
    const async = path.join(dir, 'async.json');
    writeHelpdeskDataFile(sync, data);
    await writeHelpdeskDataFileAsync(async, data);
    expect(readFileSync(async, 'utf8')).toBe(text);
    expect(readFileSync(sync, 'utf8')).toBe(text);
    expect(readHelpdeskDataFile(sync)).toEqual(data);
  });

  it('reads an empty help desk, a file of an older seed (one line of JSON), and none', () => {
    const empty: HelpdeskData = { users: [], tickets: [], ticket_metrics: [], comment_counts: {} };
    const file = path.join(dir, 'empty.json');
    writeHelpdeskDataFile(file, empty);
    expect(readHelpdeskDataFile(file)).toEqual(empty);
    const older = path.join(dir, 'older.json');
    writeFileSync(older, `${JSON.stringify(data, null, 1)}\n`);
    expect(readHelpdeskDataFile(older)).toEqual(data);
    expect(readHelpdeskDataFile(path.join(dir, 'missing.json'))).toBeNull();
  });

  it('names the file and line of a damaged record', () => {
    const file = path.join(dir, 'damaged.json');
    const lines = [...helpdeskDataLines(data)].join('').split('\n');
    lines[3] = lines[3]!.slice(0, 20);
    writeFileSync(file, lines.join('\n'));
    expect(() => readHelpdeskDataFile(file)).toThrow(
      /damaged\.json:4: not a help-desk data file line .* run the demo seed again/,
    );
  });
});
