import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate, writeGenerated } from './generate';

/**
 * The real command, as a user runs it: `node bin/c360.js resolve …`, on files
 * written here, reading the CSV it writes. Generated files are small (a few
 * hundred rows) so that each run takes a couple of seconds; the large runs are
 * the benchmark's (subgraphs/identity/scripts/bench-matching.ts).
 */
const BIN = resolve(__dirname, '../../../../packages/cli/bin/c360.js');
const FEBRL_MAP =
  'given_name=given_name,family_name=surname,date_of_birth=date_of_birth,street=address_1,city=suburb,postcode=postcode';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'c360-resolve-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function c360(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const write = (name: string, text: string | Buffer) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const csv = (lines: string[]) => `${lines.join('\n')}\n`;

function clusters(path: string): Map<string, string> {
  const [header, ...rows] = readFileSync(join(dir, path), 'utf8').trim().split('\n');
  expect(header).toBe('source_file,id,cluster_id');
  return new Map(rows.map((r) => r.split(',')).map(([file, id, cluster]) => [`${file}:${id}`, cluster!]));
}

/** Pairwise precision and recall of predicted clusters against truth ids (record → person). */
function score(predicted: Map<string, string>, person: (key: string) => string) {
  const keys = [...predicted.keys()];
  let [tp, predictedPairs, truePairs] = [0, 0, 0];
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const same = person(keys[i]!) === person(keys[j]!);
      const together = predicted.get(keys[i]!) === predicted.get(keys[j]!);
      if (same) truePairs++;
      if (together) predictedPairs++;
      if (same && together) tp++;
    }
  }
  return { precision: tp / predictedPairs, recall: tp / truePairs };
}

const personOf = (key: string) => key.split(':')[1]!.replace(/^rec-(\d+)-.*$/, '$1');

describe('c360 resolve', () => {
  it('deduplicates a dirty file (typos, swapped names, bad dates, missing values) keeping every row', async () => {
    await writeGenerated(
      join(dir, 'dedup'),
      generate({ people: 250, level: 'medium', seed: 5, link: false, contacts: false }),
    );
    const rows = readFileSync(join(dir, 'dedup/dedup.csv'), 'utf8').trim().split('\n').length - 1;
    const run = c360(
      'resolve',
      '--input',
      'dedup/dedup.csv',
      '--id',
      'rec_id',
      '--map',
      FEBRL_MAP,
      '--output',
      'dedup-out.csv',
    );
    expect(run.stderr).toContain('columns not mapped, ignored: street_number, address_2, state, soc_sec_id');
    expect(run.code).toBe(0);
    const predicted = clusters('dedup-out.csv');
    expect(predicted.size).toBe(rows);
    const { precision, recall } = score(predicted, personOf);
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    // Said how the pairs were compared (a file this small is one chunk: the main thread alone).
    expect(run.stderr).toMatch(/records\/s; pairs compared on 1 thread\)/);
    // The per-column report: every value read, some dates unparseable (kept and compared as text).
    expect(run.stderr).toMatch(/date_of_birth \(date_of_birth, date\)\s+(\d+)\s+(\d+)\s+([1-9]\d*)\s+(\d+)/);
  });

  it('links two files, each person at most once per file, with a national id as a custom identifier', async () => {
    await writeGenerated(
      join(dir, 'link'),
      generate({ people: 200, level: 'medium', seed: 6, link: true, contacts: false }),
    );
    const run = c360(
      'resolve',
      '--input',
      'link/a.csv',
      '--input',
      'link/b.csv',
      '--id',
      'REC_ID',
      '--map',
      // Attribute and type names in any case, columns too where one column has that name in another case; the
      // pairs file names the attributes in lower case.
      `${FEBRL_MAP},SSN=Soc_Sec_Id:Identifier,number=street_number:number`,
      '--output',
      'link-out.csv',
      '--pairs',
      'link-pairs.csv',
    );
    expect(run.code).toBe(0);
    const predicted = clusters('link-out.csv');
    const { precision, recall } = score(predicted, personOf);
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    // Never two records of one file in a cluster of a link: each person is there once.
    const byCluster = new Map<string, string[]>();
    for (const [key, cluster] of predicted) byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), key]);
    for (const members of byCluster.values()) {
      const files = members.map((k) => k.split(':')[0]);
      expect(new Set(files).size).toBe(files.length);
    }
    const [header, first] = readFileSync(join(dir, 'link-pairs.csv'), 'utf8').split('\n');
    expect(header).toBe(
      'left_file,left_id,right_file,right_id,match_weight,match_probability,linked,given_name,family_name,date_of_birth,street,city,postcode,ssn,number',
    );
    expect(first!.split(',')).toHaveLength(15);
    expect(first).toMatch(/(exact|one_edit|missing|different)/);
  });

  it('keeps and matches records whose dates and phones do not parse', () => {
    const people = [
      ['Jean', 'Dupont', '19310175', 'n/a 555 12'],
      ['Marie', 'Curie', '1867-13-45', 'call me'],
      ['Ada', 'Lovelace', 'sometime in 1815', '+44 20 7946 0958'],
    ];
    const lines = ['id,first,last,dob,phone'];
    // Other people around them, as in any real file (m and u are fitted on the file itself).
    const generated = generate({ people: 60, level: 'easy', seed: 9, link: false, contacts: true }).files[0]!.rows;
    generated.forEach((r, i) => lines.push(`x${i},${r.given_name},${r.surname},${r.date_of_birth},${r.phone}`));
    people.forEach(([first, last, dob, phone], i) => {
      lines.push(`a${i},${first},${last},${dob},${phone}`);
      lines.push(`b${i},${first},${last}e,${dob},${phone}`);
    });
    write('bad-values.csv', csv(lines));
    const run = c360(
      'resolve',
      '--input',
      'bad-values.csv',
      '--id',
      'id',
      '--map',
      'given_name=first,family_name=last,date_of_birth=dob,phone=phone',
      '--output',
      'bad-values-out.csv',
      '--threshold',
      '0.5',
    );
    expect(run.code).toBe(0);
    const predicted = clusters('bad-values-out.csv');
    expect(predicted.size).toBe(6 + generated.length);
    for (let i = 0; i < 3; i++) {
      expect(predicted.get(`bad-values.csv:a${i}`)).toBe(predicted.get(`bad-values.csv:b${i}`));
      for (let j = 0; j < 3; j++)
        if (j !== i) expect(predicted.get(`bad-values.csv:a${i}`)).not.toBe(predicted.get(`bad-values.csv:a${j}`));
    }
    // read, normalised, unparseable, empty: the six bad dates and four bad phones are kept, as text.
    const report = (name: string) =>
      new RegExp(`${name}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)`).exec(run.stderr)!.slice(1).map(Number);
    const [read, , badDates] = report('date_of_birth \\(dob, date\\)');
    expect(read).toBe(6 + generated.length);
    expect(badDates).toBeGreaterThanOrEqual(6);
    expect(report('phone \\(phone, phone\\)')[2]).toBeGreaterThanOrEqual(4);
  });

  it('reads the mapping from a YAML file', () => {
    const others = generate({ people: 60, level: 'easy', seed: 10, link: false, contacts: false }).files[0]!.rows;
    write(
      'people.csv',
      csv([
        'ref,name,born',
        '1,Ann Lee,1980-01-02',
        '2,Lee Ann,02/01/1980',
        '3,Bob Stone,1970-05-06',
        ...others.map((r, i) => `x${i},${r.given_name} ${r.surname},${r.date_of_birth}`),
      ]),
    );
    write(
      'map.yaml',
      'id: ref\nmap:\n  full_name: name\n  date_of_birth: {column: born, type: date}\nthreshold: 0.5\n',
    );
    const run = c360('resolve', '--input', 'people.csv', '--config', 'map.yaml', '--output', 'yaml-out.csv');
    expect(run.code).toBe(0);
    const predicted = clusters('yaml-out.csv');
    expect(predicted.get('people.csv:1')).toBe(predicted.get('people.csv:2'));
    expect(predicted.get('people.csv:3')).not.toBe(predicted.get('people.csv:1'));
  });

  describe('refuses bad input with one clear error, exit code 2 and no output', () => {
    const refused = (args: string[], message: RegExp) => {
      const output = `refused-${Math.random().toString(36).slice(2)}.csv`;
      const run = c360('resolve', ...args, '--output', output);
      expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
      expect(existsSync(join(dir, output))).toBe(false);
      expect(run.stderr.trim().split('\n')).toHaveLength(2);
    };
    const MAP = ['--id', 'id', '--map', 'given_name=first,family_name=last'];

    it('results into a folder that does not exist, or over an input, before the run', () => {
      write('people.csv', csv(['id,first,last', '1,Ann,Lee', '2,Bob,Ray']));
      refused(
        ['--input', 'people.csv', ...MAP, '--pairs', 'no-such-folder/pairs.csv'],
        /cannot write --pairs no-such-folder\/pairs\.csv: the folder .*no-such-folder does not exist/,
      );
      refused(
        ['--input', 'people.csv', ...MAP, '--pairs', 'people.csv'],
        /--pairs people\.csv is one of the inputs: name another file for the results/,
      );
      expect(readFileSync(join(dir, 'people.csv'), 'utf8')).toContain('2,Bob,Ray');
    });
    it('an empty file', () => {
      write('empty.csv', '');
      refused(['--input', 'empty.csv', ...MAP], /empty\.csv is empty: expected a CSV file with a header row/);
    });
    it('a file without a header row', () => {
      write('noheader.csv', csv(['1,Ann,Lee,1980-01-02', '2,Bob,Stone,1970-05-06']));
      refused(
        ['--input', 'noheader.csv', ...MAP],
        /noheader\.csv: the first line \(1, Ann, Lee, 1980-01-02\) looks like data, not a header/,
      );
    });
    it('a --map column that is not in the file', () => {
      write('cols.csv', csv(['id,first,surname', '1,Ann,Lee']));
      refused(
        ['--input', 'cols.csv', ...MAP],
        /cols\.csv: no column "last" \(--map family_name=last\); the file has the columns id, first, surname/,
      );
    });
    it('an unknown type, and an unknown attribute without a type', () => {
      write('ok.csv', csv(['id,first,last,memberid', '1,Ann,Lee,M1']));
      refused(
        ['--input', 'ok.csv', '--id', 'id', '--map', 'member_no=memberid:uuid'],
        /unknown type "uuid" for attribute "member_no"; expected one of name, date, identifier/,
      );
      refused(
        ['--input', 'ok.csv', '--id', 'id', '--map', 'member_no=memberid'],
        /unknown attribute "member_no"; use a known one .* or give it a type: member_no=memberid:TYPE/,
      );
    });
    it('a file delimited otherwise', () => {
      write('semi.csv', csv(['id;first;last', '1;Ann;Lee']));
      refused(
        ['--input', 'semi.csv', ...MAP],
        /semi\.csv: the header has one column "id;first;last": the file seems delimited by ";"; pass --delimiter ';'/,
      );
    });
    it('a thread count that is not a positive integer', () => {
      write('threads.csv', csv(['id,first,last', '1,Ann,Lee']));
      refused(
        ['--input', 'threads.csv', ...MAP, '--threads', '0'],
        /expected --threads to be an integer from 1 to 64, received "0"/,
      );
    });
    it('a file in another encoding than UTF-8', () => {
      write('latin1.csv', Buffer.from('id,first,last\n1,Anne,Lee\n2,Ren\xe9e,M\xfcller\n', 'latin1'));
      refused(
        ['--input', 'latin1.csv', ...MAP],
        /latin1\.csv is not valid UTF-8 \(line 3, near byte 3[01]\): .*iconv -f latin1 -t utf-8/,
      );
    });
    it('names the line of a byte that is not UTF-8 past the first chunk the reader takes (64 KiB)', () => {
      const rows = Array.from({ length: 5000 }, (_, i) => `${i + 1},Anne,Lee`);
      const body = Buffer.concat([
        Buffer.from(['id,first,last', ...rows, ''].join('\n')),
        Buffer.from('5001,Ren\xe9e,M\xfcller\n', 'latin1'),
      ]);
      expect(body.length).toBeGreaterThan(65_536);
      write('late-latin1.csv', body);
      refused(
        ['--input', 'late-latin1.csv', ...MAP],
        /late-latin1\.csv is not valid UTF-8 \(line 5002, near byte \d+\)/,
      );
    });
    it('a row with a wrong number of fields, with its line; --skip-bad-lines reports it instead', () => {
      write('short.csv', csv(['id,first,last', '1,Ann,Lee', '2,Bob', '3,Cy,Young']));
      refused(
        ['--input', 'short.csv', ...MAP],
        /short\.csv: line 3: expected 3 fields as in the header, found 2; fix the line, or pass --skip-bad-lines/,
      );
      const run = c360('resolve', '--input', 'short.csv', ...MAP, '--output', 'short-out.csv', '--skip-bad-lines');
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('short.csv: line 3: expected 3 fields as in the header, found 2; row skipped');
      expect([...clusters('short-out.csv').keys()]).toEqual(['short.csv:1', 'short.csv:3']);
    });
  });
});
