import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, writeGenerated } from '../src/matching/generate';
import { evaluateFile, type FileEval } from './eval-file';

/** `npm run identity:eval -- --file …`: the three ways of giving the truth score the same clusters alike. */
let dir: string;
let dedup: string;
let a: string;
let b: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'c360-eval-file-'));
  const one = await writeGenerated(
    join(dir, 'dedup'),
    generate({ people: 150, level: 'hard', seed: 5, link: false, contacts: false }),
  );
  const two = await writeGenerated(
    join(dir, 'link'),
    generate({ people: 150, level: 'medium', seed: 6, link: true, contacts: false }),
  );
  [dedup, a, b] = [one[0]!, two[0]!, two[1]!];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scored = async (argv: string[]) => {
  // One thread: the files are small, and a worker thread would cost more to start than it saves.
  const result = await evaluateFile([...argv, '--threads=1'], true);
  if (typeof result === 'number') throw new Error(`identity:eval exited with ${result}`);
  return result;
};
const metricsOf = (r: FileEval) => [r.rowsIn, r.rowsKept, r.metrics];

/** The same file with each record's person in a `person` column, `delimiter`-delimited, ids renamed by `id`. */
function withPersonColumn(
  file: string,
  truth: string,
  out: string,
  id = (x: string) => x,
  unlabelled = (_person: string) => false,
  delimiter = ';',
): string {
  const person = new Map(
    readFileSync(truth, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',') as [string, string]),
  );
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  // The generator quotes no field with a comma in it at these sizes; a field with a `;` would need quoting.
  expect(rows.every((r) => !r.includes('"') && !r.includes(delimiter))).toBe(true);
  const lines = [`${header!.replace(/,/g, delimiter)}${delimiter}person`];
  for (const row of rows) {
    const [rec, ...rest] = row.split(',');
    const who = person.get(rec!)!;
    lines.push([id(rec!), ...rest, unlabelled(who) ? '' : who].join(delimiter));
  }
  writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}

describe('identity:eval on a labelled file', () => {
  it('scores a dedup file alike from a truth file, from its record ids, and from a column of the file', async () => {
    const truth = join(dir, 'dedup', 'truth.csv');
    const fromFile = await scored(['--file', dedup, '--truth', truth]);
    expect(fromFile.metrics.recall).toBeGreaterThan(0.9);
    const fromIds = await scored(['--file', dedup, '--truth-from-id', 'rec-(\\d+)-']);
    expect(metricsOf(fromIds)).toEqual(metricsOf(fromFile));
    // Tab-delimited, named as resolve names it (`--delimiter tab`).
    const tabs = withPersonColumn(dedup, truth, join(dir, 'dedup-person.tsv'), undefined, undefined, '\t');
    const fromColumn = await scored(['--file', tabs, '--truth-column', 'person', '--delimiter', 'tab']);
    expect(metricsOf(fromColumn)).toEqual(metricsOf(fromFile));
  });

  it('tells the records of two files apart when their ids repeat across them, and counts an unlabelled record as no one else', async () => {
    const truth = join(dir, 'link', 'truth.csv');
    const fromFile = await scored(['--file', a, '--file', b, '--truth', truth]);
    expect(fromFile.metrics.recall).toBeGreaterThan(0.9);
    // Each file's records renumbered from 1: ids alone would make record 7 of A and record 7 of B one record.
    const renumber = () => {
      let n = 0;
      return () => String(++n);
    };
    const a1 = withPersonColumn(a, truth, join(dir, 'a-numbered.csv'), renumber());
    // File B's own people (not in A) unlabelled, as link files often leave them: each is no one else.
    const inA = new Set(
      readFileSync(a1, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(';').at(-1)!),
    );
    const b1 = withPersonColumn(b, truth, join(dir, 'b-numbered.csv'), renumber(), (p) => !inA.has(p));
    expect(readFileSync(b1, 'utf8')).toMatch(/;\n/);
    const fromColumn = await scored(['--file', a1, '--file', b1, '--truth-column', 'person', '--delimiter', ';']);
    expect(metricsOf(fromColumn)).toEqual(metricsOf(fromFile));
  });

  it('refuses two truths at once, and a record id the expression does not match, naming it', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const truth = join(dir, 'dedup', 'truth.csv');
      expect(await evaluateFile(['--file', dedup, '--truth', truth, '--truth-from-id', 'rec-(\\d+)'], true)).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('give one truth');
      expect(await evaluateFile(['--file', dedup, '--truth-from-id', '^person-(\\d+)$'], true)).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/record id "rec-\d+-[\w-]+" does not match/);
    } finally {
      stderr.mockRestore();
    }
  });
});
