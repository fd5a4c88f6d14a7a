import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The real command, as a user runs it: `node bin/c360.js resolve …` in the
 * fixtures folder, reading the CSV it writes. The fixtures are small enough
 * to check by hand; the expected clusters below are the people the rows were
 * written for (see the comments), and the scores are those of the built-in
 * model (fewer than 1000 candidate pairs: no EM), e.g. for CRM-009/CRM-010:
 * nickname Robert/Bob +3.91, family exact +4.09, date of birth exact +6.49,
 * email one typo +6.64, address exact +8.23, country +0.69 (phone missing) = 30.05.
 */
const BIN = resolve(__dirname, '../../../../bin/c360.js');
const FIXTURES = resolve(__dirname, 'fixtures');
const MAP =
  'given_name=first_name,family_name=last_name,date_of_birth=birth_date,email=email,phone=phone,street=street,city=city,postcode=postcode,country=country';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'c360-cli-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function c360(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURES, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const csv = (lines: string[]) => `${lines.join('\n')}\n`;

describe('c360 resolve', () => {
  it('deduplicates one file: typos, swapped names, nickname, new email, moved house, a household kept apart', () => {
    const output = join(out, 'crm-clusters.csv');
    const review = join(out, 'crm-review.csv');
    const run = c360(
      'resolve',
      '--input',
      'crm.csv',
      '--id',
      'id',
      '--map',
      MAP,
      '--output',
      output,
      '--review',
      review,
    );
    expect(run.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(
      csv([
        'source_file,id,cluster_id,score',
        'crm.csv,CRM-001,C000001,43.52', // Jean Dupont
        'crm.csv,CRM-002,C000001,43.52', //   names swapped, other date format, same contacts
        'crm.csv,CRM-003,C000002,32.41', // Margaret Wilson
        'crm.csv,CRM-004,C000002,32.41', //   "Peggy", moved to Leeds, same email and phone
        'crm.csv,CRM-005,C000003,32.32', // Jürgen Müller
        'crm.csv,CRM-006,C000003,32.32', //   no accents, compact date, new email, Hauptstr.
        'crm.csv,CRM-007,C000004,', // María García López, alone in this file
        'crm.csv,CRM-008,C000005,', // Claire Dupont: Jean's household (same phone and address), not Jean
        'crm.csv,CRM-009,C000006,30.05', // Robert Smith, US date 02/28/1955
        'crm.csv,CRM-010,C000006,30.05', //   "Bob", email typo, no phone
        'crm.csv,CRM-011,C000007,', // Jeanne Dupond: sounds like Jean Dupont, another person
        'crm.csv,CRM-012,C000008,20.58', // Amélie Poulain
        'crm.csv,CRM-013,C000008,20.58', //   family name typo, new email, moved to Lyon, same phone
        'crm.csv,CRM-014,C000009,', // Hans Becker
        'crm.csv,CRM-015,C000010,44.28', // Sofia Rossi
        'crm.csv,CRM-016,C000010,44.28', //   the same row in capitals
      ]),
    );
    // Jean and Claire score above the link threshold but differ on given name and date of birth.
    expect(readFileSync(review, 'utf8')).toBe(
      csv([
        'left_file,left_id,right_file,right_id,score,probability,guards,breakdown',
        'crm.csv,CRM-001,crm.csv,CRM-008,10.98,0.9956,given_name=different date_of_birth=different,' +
          'given_name=different(-4.55) family_name=exact(+4.09) date_of_birth=different(-4.97) email=different(-1.73) ' +
          'phone=exact(+9.23) address=exact(+8.23) country=exact(+0.69)',
      ]),
    );
    expect(run.stderr).toContain('c360 resolve: summary\n  records          16 (16 rows read, 0 bad rows skipped)\n');
    expect(run.stderr).toContain(
      '  m/u              configured (built-in): 13 candidate pairs, fewer than the 1000 needed',
    );
    expect(run.stderr).toContain('  links            6 pairs scored ≥ 10 (and 1 more sent to review by a guard');
    expect(run.stderr).toContain('  clusters         10 (6 of several records, 4 records alone, largest 2)\n');
    expect(run.stderr).toMatch(/ {2}time {13}\d+\.\d s\n {2}peak memory {6}\d+ MB \(max RSS\)\n/);
    // Not a terminal: plain progress lines, no progress bar drawing.
    expect(run.stderr).toContain('[c360] reading crm.csv: 16 records read, 0 bad rows skipped in ');
    expect(run.stderr).not.toContain('\u001b[');
  });

  it('links two files: only pairs across them, records of either file alone included', () => {
    const output = join(out, 'linked.csv');
    const run = c360(
      'resolve',
      '--input',
      'crm.csv',
      '--input',
      'shop.csv',
      '--id',
      'id',
      '--map',
      MAP,
      '--output',
      output,
    );
    expect(run.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(
      csv([
        'source_file,id,cluster_id,score',
        'crm.csv,CRM-001,C000001,44.28', // Jean Dupont = S-102 (+tag email, written date, national phone)
        'crm.csv,CRM-002,C000001,43.52', //   joined through S-102
        'crm.csv,CRM-003,C000002,20.45', // Margaret = S-103 "Maggie" (nickname, same phone)
        'crm.csv,CRM-004,C000002,30.90', // Peggy = S-103 (same new address)
        'crm.csv,CRM-005,C000003,', // Jürgen Müller: CRM-006 is in the same file, never compared when linking
        'crm.csv,CRM-006,C000004,',
        'crm.csv,CRM-007,C000005,44.28', // María = S-101 (no accents, C/ Mayor, international phone)
        'crm.csv,CRM-008,C000006,35.05', // Claire = S-104, not Jean's S-102
        'crm.csv,CRM-009,C000007,26.82', // Robert Smith = S-105
        'crm.csv,CRM-010,C000007,21.82', // Bob Smith = S-105
        'crm.csv,CRM-011,C000008,',
        'crm.csv,CRM-012,C000009,',
        'crm.csv,CRM-013,C000010,',
        'crm.csv,CRM-014,C000011,', // Hans Becker, 1970: not S-107, another Hans Becker born 1960
        'crm.csv,CRM-015,C000012,',
        'crm.csv,CRM-016,C000013,',
        'shop.csv,S-101,C000005,44.28',
        'shop.csv,S-102,C000001,44.28',
        'shop.csv,S-103,C000002,30.90',
        'shop.csv,S-104,C000006,35.05',
        'shop.csv,S-105,C000007,26.82',
        'shop.csv,S-106,C000014,', // Lucas Martin, only in the shop
        'shop.csv,S-107,C000015,',
      ]),
    );
    expect(run.stderr).toContain(
      '  records          23 (23 rows read, 0 bad rows skipped; crm.csv: 16, shop.csv: 7)\n',
    );
  });

  it('reports bad rows with their line numbers, skips them, and goes on (exit 0)', () => {
    const output = join(out, 'bad.csv');
    const run = c360(
      'resolve',
      '--input',
      'bad-rows.csv',
      '--id',
      'id',
      '--map',
      'given_name=first_name,family_name=last_name,date_of_birth=birth_date,email=email',
      '--output',
      output,
    );
    expect(run.code).toBe(0);
    const dateExpected = 'expected a date such as 1980-03-12, 12/03/1980, 19800312 or 12 March 1980';
    expect(run.stderr.split('\n').filter((l) => l.startsWith('bad-rows.csv: '))).toEqual([
      'bad-rows.csv: line 3: expected 5 columns, found 4; row skipped',
      `bad-rows.csv: line 4: date_of_birth (column "birth_date"): ${dateExpected}, received "31/02/1985"; row skipped`,
      'bad-rows.csv: line 5: empty id in column "id"; row skipped',
      'bad-rows.csv: line 6: id "B-1" already used on line 2; row skipped',
      `bad-rows.csv: line 8: date_of_birth (column "birth_date"): ${dateExpected}, received "next tuesday"; row skipped`,
      'bad-rows.csv: line 9: unreadable CSV (Quote Not Closed: the parsing is finished with an opening quote at line 9); row skipped',
    ]);
    expect(run.stderr).toContain('  records          2 (8 rows read, 6 bad rows skipped)\n');
    expect(readFileSync(output, 'utf8')).toBe(
      csv(['source_file,id,cluster_id,score', 'bad-rows.csv,B-1,C000001,26.13', 'bad-rows.csv,B-6,C000001,26.13']),
    );
  });

  it('refuses an unknown column, naming it and listing the columns (exit 2)', () => {
    const run = c360(
      'resolve',
      '--input',
      'crm.csv',
      '--id',
      'id',
      '--map',
      'email=mail',
      '--output',
      join(out, 'x.csv'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'c360: unknown column "mail" in --map email=mail: crm.csv has the columns id, first_name, last_name, birth_date, email, phone, street, city, postcode, country\n' +
        'Run "c360 --help" for usage.\n',
    );
    const id = c360(
      'resolve',
      '--input',
      'crm.csv',
      '--input',
      'shop.csv',
      '--id',
      'crm_id',
      '--map',
      'email=email',
      '--output',
      join(out, 'x.csv'),
    );
    expect(id.code).toBe(2);
    expect(id.stderr).toContain(
      'c360: unknown column "crm_id" in --id crm_id: crm.csv has the columns id, first_name,',
    );
  });

  it.each([
    [
      ['resolve', '--input', 'crm.csv', '--id', 'id', '--map', 'mail=email', '--output', 'x.csv'],
      'unknown attribute "mail" in --map; expected one of given_name, family_name, full_name,',
    ],
    [
      ['resolve', '--input', 'nope.csv', '--id', 'id', '--map', 'email=email', '--output', 'x.csv'],
      'cannot read --input nope.csv: no such file',
    ],
    [
      ['resolve', '--input', 'crm.csv', '--id', 'id', '--map', 'email=email'],
      'expected --output FILE, where to write the clusters',
    ],
    [
      ['resolve', '--input', 'crm.csv', '--id', 'id', '--map', 'email=email', '--output', 'x.csv', '--em', '--no-em'],
      'expected at most one of --em and --no-em, received both',
    ],
    [
      [
        'resolve',
        '--input',
        'crm.csv',
        '--id',
        'id',
        '--map',
        'email=email',
        '--output',
        'x.csv',
        '--threshold-upper',
        'high',
      ],
      'expected --threshold-upper to be a number, received "high"',
    ],
    [
      [
        'resolve',
        '--input',
        'crm.csv',
        '--id',
        'id',
        '--map',
        'email=email',
        '--output',
        'x.csv',
        '--threshold-lower',
        '20',
      ],
      'Expected finite thresholds with lower ≤ upper, received lower 20 and upper 10',
    ],
    [['resolve', '--colour'], "Unknown option '--colour'"],
    [['dedupe'], 'expected the command "resolve", received "dedupe"'],
  ])('refuses a misuse: %j (exit 2)', (args, message) => {
    const run = c360(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`c360: ${message}`);
  });

  it('prints its help', () => {
    const run = c360('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: c360 resolve --input FILE.csv [--input OTHER.csv] --id COLUMN');
    expect(run.stdout).toContain('  --no-em               use the configured m and u');
  });

  it('runs EM when asked, saves the model, and scores with a saved model', () => {
    const model = join(out, 'model.json');
    const em = c360(
      'resolve',
      '--input',
      'crm.csv',
      '--id',
      'id',
      '--map',
      MAP,
      '--output',
      join(out, 'em.csv'),
      '--em',
      '--save-model',
      model,
    );
    expect(em.code).toBe(0);
    expect(em.stderr).toMatch(/ {2}m\/u {14}EM, \d+ iterations, converged; /);
    const saved = c360(
      'resolve',
      '--input',
      'crm.csv',
      '--id',
      'id',
      '--map',
      MAP,
      '--output',
      join(out, 'saved.csv'),
      '--model',
      model,
      '--no-em',
    );
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain('  m/u              configured (--model): estimation turned off\n');
    expect(readFileSync(join(out, 'saved.csv'), 'utf8')).toBe(readFileSync(join(out, 'em.csv'), 'utf8'));
  });
});
