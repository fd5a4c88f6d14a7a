/**
 * Synthetic customer files for evaluating the matcher, in the style of FEBRL's
 * data set generator (Christen, "Probabilistic data generation for
 * deduplication and data linkage", 2005): original records of made-up people,
 * then duplicates each corrupted by a number of modifications drawn per
 * record and per field, with a truth file.
 *
 * Columns (FEBRL's): rec_id, given_name, surname, street_number, address_1,
 * address_2, suburb, postcode, state, date_of_birth (YYYYMMDD, FEBRL's own
 * format), soc_sec_id; with --contacts also email and phone.
 *
 * Corruptions of a duplicate (what real exports do):
 * - typo: a letter inserted, deleted, substituted by a keyboard neighbour, or
 *   two neighbours transposed;
 * - OCR confusions (m/rn, 0/o, 1/l, 5/s, 8/b, cl/d, vv/w …);
 * - phonetic spellings (ph/f, c/k, ie/y, ey/y, ou/u, double letters …);
 * - nicknames (William/Bill, Elizabeth/Liz …) and initials;
 * - given and family name swapped;
 * - missing values (a field blanked);
 * - date typos: day and month swapped, a digit changed, two digits
 *   transposed, a year off by one, the day or the month impossible (19310175);
 * - address abbreviations (Street/St, Road/Rd …), a dropped street number or
 *   second address line, words swapped;
 * - an identifier (soc_sec_id) with a digit changed, or missing;
 * - phone with another format, a digit changed; email typos, other domain.
 *
 * Levels (modifications per duplicate, at most 2 per field, duplicates per person):
 *   easy    1 modification,  1–2 duplicates, 5% missing values
 *   medium  up to 3,         1–3 duplicates, 10% missing
 *   hard    up to 5,         1–5 duplicates, 15% missing (typo-heavy)
 *   extreme up to 8,         1–5 duplicates, 20% missing
 * Dedup: one file, ~half the people with duplicates. Link: two files, each
 * person at most once per file (file A originals, file B one corrupted copy of
 * a share of them plus people of its own).
 *
 *   npx tsx subgraphs/identity/src/matching/generate.ts --people 5000 --level hard --seed 7 --out dir [--link] [--contacts]
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fakerDE, fakerEN_AU, fakerEN_GB, fakerEN_US, fakerES, fakerFR, fakerIT, fakerNL } from '@faker-js/faker';
import { seededRandom } from '@c360/kit/random';
import { csvField } from './csv';

export const LEVELS = {
  easy: { maxMods: 1, maxDups: 2, missing: 0.05 },
  medium: { maxMods: 3, maxDups: 3, missing: 0.1 },
  hard: { maxMods: 5, maxDups: 5, missing: 0.15 },
  extreme: { maxMods: 8, maxDups: 5, missing: 0.2 },
} as const;
export type Level = keyof typeof LEVELS;

const COLUMNS = [
  'rec_id',
  'given_name',
  'surname',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'date_of_birth',
  'soc_sec_id',
] as const;
const CONTACT_COLUMNS = ['email', 'phone'] as const;

type Row = Record<string, string>;

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()).filter((x) => /^[a-z' -]+$/.test(x)))];
const personDefs = [fakerEN_AU, fakerEN_GB, fakerEN_US, fakerDE, fakerFR, fakerES, fakerIT, fakerNL].map(
  (f) => f.definitions.person as unknown as { first_name?: { generic?: string[] }; last_name?: { generic?: string[] } },
);
export const FIRST = uniq(personDefs.flatMap((d) => d.first_name?.generic ?? []));
export const LAST = uniq(personDefs.flatMap((d) => d.last_name?.generic ?? []));
const STREET_NAMES = uniq(
  [fakerEN_AU, fakerEN_GB, fakerEN_US].flatMap(
    (f) => (f.definitions.location as unknown as { street_name?: string[] }).street_name ?? [],
  ),
);
const SUFFIXES = [
  'street',
  'road',
  'avenue',
  'place',
  'crescent',
  'drive',
  'court',
  'lane',
  'close',
  'parade',
  'circuit',
];
const ABBREVIATIONS: Record<string, string> = {
  street: 'st',
  road: 'rd',
  avenue: 'ave',
  place: 'pl',
  crescent: 'cres',
  drive: 'dr',
  court: 'ct',
  lane: 'ln',
  close: 'cl',
  parade: 'pde',
  circuit: 'cct',
};
const STATES = ['nsw', 'vic', 'qld', 'wa', 'sa', 'tas', 'act', 'nt'];
const NICKNAMES: Record<string, string[]> = {
  william: ['bill', 'will', 'billy'],
  robert: ['bob', 'rob', 'bobby'],
  richard: ['dick', 'rick', 'richie'],
  elizabeth: ['liz', 'beth', 'betty', 'lizzie'],
  margaret: ['maggie', 'meg', 'peggy'],
  james: ['jim', 'jimmy', 'jamie'],
  john: ['jack', 'johnny'],
  michael: ['mike', 'mick'],
  thomas: ['tom', 'tommy'],
  joseph: ['joe', 'joey'],
  charles: ['charlie', 'chuck'],
  christopher: ['chris', 'kit'],
  daniel: ['dan', 'danny'],
  matthew: ['matt'],
  anthony: ['tony'],
  jennifer: ['jen', 'jenny'],
  katherine: ['kate', 'kathy', 'katie'],
  catherine: ['cathy', 'kate'],
  rebecca: ['becky', 'bec'],
  samantha: ['sam'],
  alexander: ['alex', 'sandy'],
  benjamin: ['ben'],
  nicholas: ['nick'],
  jessica: ['jess'],
  victoria: ['vicky', 'tori'],
  patricia: ['pat', 'trish'],
  edward: ['ed', 'ted', 'eddie'],
  andrew: ['andy', 'drew'],
  stephanie: ['steph'],
  timothy: ['tim'],
  susan: ['sue', 'susie'],
  deborah: ['deb', 'debbie'],
};
const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const OCR: [string, string][] = [
  ['m', 'rn'],
  ['rn', 'm'],
  ['o', '0'],
  ['0', 'o'],
  ['l', '1'],
  ['1', 'l'],
  ['i', '1'],
  ['s', '5'],
  ['5', 's'],
  ['b', '8'],
  ['8', 'b'],
  ['cl', 'd'],
  ['d', 'cl'],
  ['w', 'vv'],
  ['g', 'q'],
  ['u', 'v'],
  ['h', 'b'],
  ['e', 'c'],
];
const PHONETIC: [RegExp, string][] = [
  [/ph/, 'f'],
  [/f/, 'ph'],
  [/ck/, 'k'],
  [/c(?=[aou])/, 'k'],
  [/k/, 'c'],
  [/ie$/, 'y'],
  [/y$/, 'ie'],
  [/ey$/, 'y'],
  [/ou/, 'u'],
  [/th/, 't'],
  [/([lmnrst])\1/, '$1'],
  [/([lnrt])(?!\1)/, '$1$1'],
  [/ei/, 'ie'],
  [/ie/, 'ei'],
  [/z/, 's'],
  [/s(?=[aeiou])/, 'z'],
  [/x/, 'ks'],
  [/ai/, 'ay'],
  [/ee/, 'ea'],
  [/son$/, 'sen'],
  [/sen$/, 'son'],
  [/mc/, 'mac'],
  [/mac/, 'mc'],
];

export interface GenerateOptions {
  people: number;
  level: Level;
  seed: number;
  link: boolean;
  contacts: boolean;
  /** Link: share of file A's people that also appear in file B. @default 0.8 */
  overlap?: number;
}

export interface Generated {
  /** File name (within the output folder) → rows. */
  files: { name: string; rows: Row[] }[];
  /** rec_id → person id. */
  truth: [string, string][];
}

export function generate(options: GenerateOptions): Generated {
  const rng = seededRandom(options.seed);
  const level = LEVELS[options.level];
  const chance = (p: number) => rng() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  // Names are not uniform: a few are common, most are rare (squared uniform biases to the head of the list).
  const skewed = <T>(list: readonly T[]): T => list[Math.floor(rng() ** 2 * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const pad = (n: number) => String(n).padStart(2, '0');

  const suburbs = Array.from({ length: 2000 }, () => {
    const city = pick([fakerEN_AU, fakerEN_GB, fakerEN_US]).definitions.location as unknown as {
      city_name: string[];
    };
    return { suburb: pick(city.city_name).toLowerCase(), postcode: String(int(2000, 7999)), state: pick(STATES) };
  });

  const original = (pid: number): Row => {
    const year = int(1920, 2005);
    const month = int(1, 12);
    const day = int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const place = skewed(suburbs);
    const given = skewed(FIRST);
    const surname = skewed(LAST);
    const row: Row = {
      rec_id: '',
      given_name: given,
      surname,
      street_number: String(chance(0.1) ? int(100, 3000) : int(1, 150)),
      address_1: `${skewed(STREET_NAMES)} ${pick(SUFFIXES)}`,
      address_2: chance(0.3) ? pick(['unit', 'flat', 'apartment', 'villa', 'level']) + ` ${int(1, 40)}` : '',
      suburb: place.suburb,
      postcode: place.postcode,
      state: place.state,
      date_of_birth: `${year}${pad(month)}${pad(day)}`,
      soc_sec_id: String(1_000_000 + ((pid * 7919 + int(0, 7918)) % 9_000_000)),
    };
    if (options.contacts) {
      row.email = `${given.replace(/[^a-z]/g, '')}.${surname.replace(/[^a-z]/g, '')}${chance(0.5) ? int(1, 99) : ''}@${pick(['gmail.com', 'bigpond.com', 'yahoo.com.au', 'hotmail.com', 'outlook.com'])}`;
      row.phone = `04${digits(8)}`;
    }
    // Missing values in originals as well: sources are incomplete.
    for (const col of [
      'given_name',
      'surname',
      'street_number',
      'address_1',
      'suburb',
      'postcode',
      'date_of_birth',
      'soc_sec_id',
    ])
      if (chance(level.missing / 4)) row[col] = '';
    return row;
  };

  // Field modifications.
  const typo = (s: string): string => {
    if (s.length === 0) return s;
    const i = int(0, s.length - 1);
    const c = s[i]!;
    switch (int(0, 3)) {
      case 0: {
        const row = KEYBOARD.find((r) => r.includes(c));
        const n = row
          ? row[Math.min(row.length - 1, Math.max(0, row.indexOf(c) + pick([-1, 1])))]!
          : pick([...'aeiou']);
        return s.slice(0, i) + n + s.slice(i + 1);
      }
      case 1:
        return s.length > 2 ? s.slice(0, i) + s.slice(i + 1) : s + pick([...'aeiou']);
      case 2:
        return s.slice(0, i) + pick([...'abcdefghijklmnoprstuvwy']) + s.slice(i);
      default:
        // Two neighbours transposed; a single letter (an initial) has none and stays as it is.
        if (s.length < 2) return s;
        return i < s.length - 1 ? s.slice(0, i) + s[i + 1] + c + s.slice(i + 2) : s.slice(0, i - 1) + c + s[i - 1];
    }
  };
  const ocr = (s: string): string => {
    const options = OCR.filter(([from]) => s.includes(from));
    if (options.length === 0) return typo(s);
    const [from, to] = pick(options);
    return s.replace(from, to);
  };
  const phonetic = (s: string): string => {
    const options = PHONETIC.filter(([re]) => re.test(s));
    if (options.length === 0) return typo(s);
    const [re, to] = pick(options);
    return s.replace(re, to);
  };
  const nameMod = (s: string, given: boolean): string => {
    const r = rng();
    if (given && r < 0.12 && NICKNAMES[s]) return pick(NICKNAMES[s]!);
    if (given && r < 0.16 && s.length > 0) return s[0]!;
    if (r < 0.55) return typo(s);
    if (r < 0.75) return ocr(s);
    return phonetic(s);
  };
  const dateMod = (s: string): string => {
    if (!/^\d{8}$/.test(s)) return typo(s);
    const [y, m, d] = [s.slice(0, 4), s.slice(4, 6), s.slice(6, 8)];
    switch (int(0, 5)) {
      case 0:
        return y + d + m; // day and month swapped (often impossible, 19310175-like)
      case 1: {
        const i = int(0, 7);
        return s.slice(0, i) + int(0, 9) + s.slice(i + 1);
      }
      case 2: {
        const i = int(2, 6);
        return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
      }
      case 3:
        return String(+y + pick([-1, 1])) + m + d;
      case 4:
        return y + m + pad(int(1, 99) % 100); // a day that may not exist
      default:
        return y + pad(int(1, 19)) + d; // a month that may not exist
    }
  };
  const addressMod = (s: string): string => {
    const words = s.split(' ');
    const last = words[words.length - 1]!;
    const r = rng();
    if (r < 0.35 && ABBREVIATIONS[last]) return [...words.slice(0, -1), ABBREVIATIONS[last]].join(' ');
    if (r < 0.45 && words.length > 1) return [words[words.length - 1], ...words.slice(0, -1)].join(' ');
    if (r < 0.75) return typo(s);
    if (r < 0.88) return ocr(s);
    return phonetic(s);
  };
  const digitMod = (s: string): string => {
    if (s.length === 0) return s;
    const i = int(0, s.length - 1);
    return rng() < 0.6
      ? s.slice(0, i) + int(0, 9) + s.slice(i + 1)
      : i < s.length - 1
        ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2)
        : s.slice(0, i) + int(0, 9);
  };

  const FIELD_MODS: [string, number, (row: Row) => void][] = [
    ['given_name', 4, (r) => (r.given_name = nameMod(r.given_name!, true))],
    ['surname', 4, (r) => (r.surname = nameMod(r.surname!, false))],
    ['address_1', 3, (r) => (r.address_1 = addressMod(r.address_1!))],
    ['address_2', 1, (r) => (r.address_2 = r.address_2 ? '' : typo(r.address_2!))],
    ['street_number', 1.5, (r) => (r.street_number = rng() < 0.5 ? '' : digitMod(r.street_number!))],
    [
      'suburb',
      2,
      (r) => (r.suburb = rng() < 0.5 ? typo(r.suburb!) : rng() < 0.5 ? ocr(r.suburb!) : phonetic(r.suburb!)),
    ],
    ['postcode', 1.5, (r) => (r.postcode = digitMod(r.postcode!))],
    ['state', 0.5, (r) => (r.state = pick(STATES))],
    ['date_of_birth', 3, (r) => (r.date_of_birth = dateMod(r.date_of_birth!))],
    ['soc_sec_id', 1, (r) => (r.soc_sec_id = digitMod(r.soc_sec_id!))],
    ...(options.contacts
      ? ([
          ['email', 1, (r: Row) => (r.email = rng() < 0.5 ? typo(r.email!) : r.email!.replace(/@.*/, '@gmail.com'))],
          [
            'phone',
            1,
            (r: Row) =>
              (r.phone =
                rng() < 0.5
                  ? digitMod(r.phone!)
                  : `+61 ${r.phone!.slice(1, 4)} ${r.phone!.slice(4, 7)} ${r.phone!.slice(7)}`),
          ],
        ] as [string, number, (row: Row) => void][])
      : []),
  ];
  const totalWeight = FIELD_MODS.reduce((s, [, w]) => s + w, 0);

  const duplicate = (orig: Row): Row => {
    const row = { ...orig };
    const mods = int(1, level.maxMods);
    const perField = new Map<string, number>();
    for (let k = 0, tries = 0; k < mods && tries < 50; tries++) {
      let r = rng() * totalWeight;
      const [field, , apply] = FIELD_MODS.find(([, w]) => (r -= w) < 0) ?? FIELD_MODS[0]!;
      if ((perField.get(field) ?? 0) >= 2) continue;
      perField.set(field, (perField.get(field) ?? 0) + 1);
      if (chance(level.missing) && field !== 'given_name' && field !== 'surname') row[field] = '';
      else if (row[field] !== '') apply(row);
      k++;
    }
    if (chance(0.04)) [row.given_name, row.surname] = [row.surname!, row.given_name!];
    if (chance(level.missing / 2)) row.given_name = '';
    return row;
  };

  const truth: [string, string][] = [];
  const columns = [...COLUMNS, ...(options.contacts ? CONTACT_COLUMNS : [])];
  const fix = (row: Row): Row => Object.fromEntries(columns.map((c) => [c, row[c] ?? '']));
  if (!options.link) {
    const rows: Row[] = [];
    for (let p = 0; p < options.people; p++) {
      const orig = original(p);
      const pid = `p${p}`;
      rows.push({ ...fix(orig), rec_id: `rec-${p}-org` });
      truth.push([`rec-${p}-org`, pid]);
      if (chance(0.5)) {
        const dups = int(1, level.maxDups);
        for (let d = 0; d < dups; d++) {
          rows.push({ ...fix(duplicate(orig)), rec_id: `rec-${p}-dup-${d}` });
          truth.push([`rec-${p}-dup-${d}`, pid]);
        }
      }
    }
    // Shuffled: a file sorted by person would make blocking look better than it is.
    for (let i = rows.length - 1; i > 0; i--) {
      const j = int(0, i);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    return { files: [{ name: 'dedup.csv', rows }], truth };
  }
  const a: Row[] = [];
  const b: Row[] = [];
  const overlap = options.overlap ?? 0.8;
  for (let p = 0; p < options.people; p++) {
    const orig = original(p);
    const pid = `p${p}`;
    a.push({ ...fix(orig), rec_id: `rec-${p}-org` });
    truth.push([`rec-${p}-org`, pid]);
    if (chance(overlap)) {
      b.push({ ...fix(duplicate(orig)), rec_id: `rec-${p}-dup-0` });
      truth.push([`rec-${p}-dup-0`, pid]);
    }
  }
  for (let p = options.people; p < options.people + Math.round(options.people * (1 - overlap)); p++) {
    const orig = original(p);
    b.push({ ...fix(orig), rec_id: `rec-${p}-org` });
    truth.push([`rec-${p}-org`, `p${p}`]);
  }
  for (const rows of [a, b]) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = int(0, i);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
  }
  return {
    files: [
      { name: 'a.csv', rows: a },
      { name: 'b.csv', rows: b },
    ],
    truth,
  };
}

export async function writeGenerated(dir: string, generated: Generated): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const write = (path: string, lines: Iterable<string>) =>
    new Promise<void>((resolve, reject) => {
      const out = createWriteStream(path);
      out.on('error', reject);
      out.on('finish', resolve);
      let chunk: string[] = [];
      for (const line of lines) {
        chunk.push(line);
        if (chunk.length >= 10_000) {
          out.write(`${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`);
      out.end();
    });
  const paths: string[] = [];
  for (const file of generated.files) {
    const path = join(dir, file.name);
    const columns = Object.keys(file.rows[0] ?? {});
    await write(path, [columns.join(','), ...file.rows.map((r) => columns.map((c) => csvField(r[c]!)).join(','))]);
    paths.push(path);
  }
  await write(join(dir, 'truth.csv'), ['id,entity_id', ...generated.truth.map(([id, e]) => `${id},${e}`)]);
  return paths;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '5000' },
      level: { type: 'string', default: 'hard' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      link: { type: 'boolean', default: false },
      contacts: { type: 'boolean', default: false },
    },
  });
  const people = Number(values.people);
  if (!values.out || !Number.isInteger(people) || people < 1 || !(values.level! in LEVELS)) {
    process.stderr.write(
      `usage: generate.ts --people N --level ${Object.keys(LEVELS).join('|')} --seed N --out DIR [--link] [--contacts]\n`,
    );
    process.exitCode = 2;
    return;
  }
  const generated = generate({
    people,
    level: values.level as Level,
    seed: Number(values.seed),
    link: values.link!,
    contacts: values.contacts!,
  });
  const paths = await writeGenerated(values.out, generated);
  process.stderr.write(`wrote ${paths.join(', ')} and ${join(values.out, 'truth.csv')}\n`);
}

if (require.main === module) void main();
