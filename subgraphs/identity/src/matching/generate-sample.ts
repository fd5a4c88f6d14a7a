/**
 * Writes a deterministic sample CSV for the matcher's benchmark: people from
 * FR, GB, DE, US and ES, most with one record and some with up to three more
 * that are typed differently — typos, nicknames, swapped name columns, case
 * and accents, another date format or a wrong date, a new or typo'd email, a
 * new phone, a move — plus households (same family name, address and often
 * phone, different people) as hard non-matches, and a few bad rows. The
 * `person_id` column is the truth, for evaluate-sample.ts.
 *
 *   npx tsx subgraphs/identity/src/matching/generate-sample.ts --records 100000 --output sample.csv [--seed 360]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Faker, base, de, en, en_GB, en_US, es, fr, type LocaleDefinition } from '@faker-js/faker';
import { csvField } from './csv';
import { seededRandom } from '@c360/kit/random';

interface Profile {
  code: string;
  name: string;
  callingCode: string;
  /** Trunk prefix of national numbers (none in Spain). */
  trunk: string;
  faker: Faker;
  domains: string[];
  mobile(): string[];
  months: string[];
}

interface Person {
  id: string;
  profile: Profile;
  first: string;
  last: string;
  dob: { year: number; month: number; day: number };
  email: string;
  phone: string[] | null;
  street: string;
  city: string;
  postcode: string;
}

const ENGLISH_MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

function main(): void {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '100000' },
      output: { type: 'string' },
      seed: { type: 'string', default: '360' },
    },
  });
  const total = Number(values.records);
  const seed = Number(values.seed);
  if (!values.output || !Number.isInteger(total) || total < 10 || !Number.isInteger(seed)) {
    process.stderr.write('usage: generate-sample.ts --records N (≥ 10) --output FILE.csv [--seed N]\n');
    process.exitCode = 2;
    return;
  }
  const rng = seededRandom(seed);
  const chance = (p: number) => rng() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');

  const faker = (locale: LocaleDefinition[], offset: number) => {
    const f = new Faker({ locale });
    f.seed(seed + offset);
    return f;
  };
  const profiles: Profile[] = [
    {
      code: 'FR',
      name: 'France',
      callingCode: '33',
      trunk: '0',
      faker: faker([fr, en, base], 1),
      domains: ['gmail.com', 'orange.fr', 'free.fr', 'hotmail.fr', 'laposte.net'],
      mobile: () => [pick(['6', '7']), digits(2), digits(2), digits(2), digits(2)],
      months: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' '),
    },
    {
      code: 'GB',
      name: 'United Kingdom',
      callingCode: '44',
      trunk: '0',
      faker: faker([en_GB, en, base], 2),
      domains: ['gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'btinternet.com', 'outlook.com'],
      mobile: () => [`7${pick(['4', '5', '7', '8', '9'])}${digits(2)}`, digits(6)],
      months: ENGLISH_MONTHS,
    },
    {
      code: 'DE',
      name: 'Deutschland',
      callingCode: '49',
      trunk: '0',
      faker: faker([de, en, base], 3),
      domains: ['gmail.com', 'web.de', 'gmx.de', 't-online.de'],
      mobile: () => [pick(['151', '160', '170', '171', '176']), digits(8)],
      months: 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember'.split(' '),
    },
    {
      code: 'US',
      name: 'United States',
      callingCode: '1',
      trunk: '1',
      faker: faker([en_US, en, base], 4),
      domains: ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com'],
      mobile: () => [pick(['201', '312', '415', '617', '212', '305']), `${int(2, 9)}${digits(2)}`, digits(4)],
      months: ENGLISH_MONTHS,
    },
    {
      code: 'ES',
      name: 'España',
      callingCode: '34',
      trunk: '',
      faker: faker([es, en, base], 5),
      domains: ['gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net'],
      mobile: () => [`6${digits(2)}`, digits(2), digits(2), digits(2)],
      months: 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(' '),
    },
  ];

  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  const emailOf = (first: string, last: string, profile: Profile) => {
    const [f, l] = [ascii(first), ascii(last)];
    const local = pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}`, `${f}.${l}${int(1, 99)}`, `${l}.${f}`]);
    return `${local}@${pick(profile.domains)}`;
  };
  const address = (profile: Profile) => ({
    street: profile.faker.location.streetAddress(),
    city: profile.faker.location.city(),
    postcode: profile.faker.location.zipCode(),
  });

  const people: Person[] = [];
  const newPerson = (householdOf: Person | null): Person => {
    const profile = householdOf?.profile ?? pick(profiles);
    const sex = chance(0.5) ? 'female' : 'male';
    const first = profile.faker.person.firstName(sex);
    const last = householdOf?.last ?? profile.faker.person.lastName();
    const year = householdOf ? householdOf.dob.year + int(-30, 30) : int(1935, 2005);
    const month = int(1, 12);
    const person: Person = {
      id: `P${String(people.length + 1).padStart(6, '0')}`,
      profile,
      first,
      last,
      dob: { year: Math.min(2005, Math.max(1930, year)), month, day: int(1, 28) },
      email: emailOf(first, last, profile),
      phone: householdOf && chance(0.4) ? householdOf.phone : chance(0.9) ? profile.mobile() : null,
      ...(householdOf
        ? { street: householdOf.street, city: householdOf.city, postcode: householdOf.postcode }
        : address(profile)),
    };
    people.push(person);
    return person;
  };

  const typo = (s: string) => {
    if (s.length < 4) return s;
    const i = int(1, s.length - 2);
    switch (int(0, 3)) {
      case 0:
        return `${s.slice(0, i)}${s[i + 1]}${s[i]}${s.slice(i + 2)}`;
      case 1:
        return `${s.slice(0, i)}${s.slice(i + 1)}`;
      case 2:
        return `${s.slice(0, i)}${pick('aeiounrst'.split(''))}${s.slice(i + 1)}`;
      default:
        return `${s.slice(0, i)}${s[i]}${s.slice(i)}`;
    }
  };
  const casing = (s: string) =>
    pick([
      () => s,
      () => s,
      () => s.toUpperCase(),
      () => s.toLowerCase(),
      () => (ascii(s) === s.toLowerCase() ? s : s.normalize('NFKD').replace(/\p{M}/gu, '')),
    ])();
  const pad = (n: number) => String(n).padStart(2, '0');
  const formatDob = (d: Person['dob'], profile: Profile) => {
    if (profile.code === 'US' && chance(0.5)) return `${pad(d.month)}/${pad(d.day)}/${d.year}`;
    return pick([
      () => `${d.year}-${pad(d.month)}-${pad(d.day)}`,
      () => `${pad(d.day)}/${pad(d.month)}/${d.year}`,
      () => `${d.year}${pad(d.month)}${pad(d.day)}`,
      () => `${d.day} ${ENGLISH_MONTHS[d.month - 1]} ${d.year}`,
      () => `${d.day} ${profile.months[d.month - 1]} ${d.year}`,
    ])();
  };
  const formatPhone = (parts: string[], profile: Profile) => {
    if (profile.code === 'US') {
      const [a, b, c] = parts;
      return pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `+1 ${a} ${b} ${c}`, `${a}${b}${c}`]);
    }
    return pick([
      `${profile.trunk}${parts.join(' ')}`,
      `${profile.trunk}${parts.join('')}`,
      `+${profile.callingCode} ${parts.join(' ')}`,
      `00${profile.callingCode}${parts.join('')}`,
    ]);
  };
  const abbreviate = (street: string) =>
    street
      .replace(/\bStreet\b/, 'St')
      .replace(/\bRoad\b/, 'Rd')
      .replace(/\bAvenue\b/, 'Ave')
      .replace(/straße\b/, 'str.')
      .replace(/^Calle /, 'C/ ');

  // One row as a source would hold it; `duplicate` rows drift from the person's reference values.
  const rowOf = (p: Person, duplicate: boolean): string[] => {
    const drift = (rate: number) => duplicate && chance(rate);
    let first = p.first;
    let last = p.last;
    if (drift(0.1)) {
      const nick = NICKNAMES[ascii(first)];
      if (nick) first = pick(nick);
    }
    if (drift(0.1)) {
      if (chance(0.5)) first = typo(first);
      else last = typo(last);
    }
    if (drift(0.03)) [first, last] = [last, first];
    let dob = p.dob;
    if (drift(0.04) && dob.day <= 12) dob = { ...dob, month: dob.day, day: dob.month };
    else if (drift(0.04))
      dob = chance(0.5) ? { ...dob, day: Math.min(28, dob.day + 1) } : { ...dob, year: dob.year + 1 };
    let email: string | null = p.email;
    if (drift(0.15)) email = emailOf(p.first, p.last, p.profile);
    else if (drift(0.06)) email = typo(email.split('@')[0]!) + email.slice(email.indexOf('@'));
    if (duplicate && chance(0.1)) email = null;
    let phone = p.phone;
    if (drift(0.15)) phone = p.profile.mobile();
    if (duplicate && chance(0.15)) phone = null;
    let place = { street: p.street, city: p.city, postcode: p.postcode };
    let profile = p.profile;
    if (drift(0.15)) {
      // Now and then the move is abroad.
      if (chance(0.05)) profile = pick(profiles);
      place = address(profile);
    }
    if (duplicate && chance(0.05)) place = { street: '', city: '', postcode: '' };
    return [
      p.id,
      casing(first),
      casing(last),
      duplicate && chance(0.05) ? '' : formatDob(dob, p.profile),
      email === null ? '' : chance(0.1) ? ` ${email.charAt(0).toUpperCase()}${email.slice(1)} ` : email,
      phone === null ? '' : formatPhone(phone, p.profile),
      chance(0.3) ? abbreviate(place.street) : place.street,
      place.city,
      place.postcode,
      pick([profile.code, profile.name, profile.code.toLowerCase()]),
    ];
  };

  const rows: string[][] = [];
  while (rows.length < total) {
    const householder = people.length > 0 && chance(0.08) ? pick(people.slice(-50)) : null;
    const person = newPerson(householder);
    rows.push(rowOf(person, false));
    const extra = rng();
    const copies = extra < 0.7 ? 0 : extra < 0.9 ? 1 : extra < 0.98 ? 2 : 3;
    for (let i = 0; i < copies && rows.length < total; i++) rows.push(rowOf(person, true));
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }

  // A few bad rows, as real exports have: a date that is not one, a row cut short.
  const bad = Math.max(2, Math.round(total / 5000));
  for (let i = 0; i < bad; i++) {
    const row = rows[Math.floor(rng() * rows.length)]!;
    if (i % 2 === 0) row[3] = pick(['31/02/1980', '1980-13-01', 'unknown', '12/1980']);
    else row.splice(8, 2);
  }

  const header = 'record_id,person_id,first_name,last_name,dob,email,phone,street,city,postcode,country';
  const lines = rows.map((row, i) => [`R${String(i + 1).padStart(7, '0')}`, ...row].map(csvField).join(','));
  writeFileSync(values.output, `${header}\n${lines.join('\n')}\n`);
  process.stderr.write(`${values.output}: ${rows.length} records of ${people.length} people, ${bad} bad rows\n`);
}

/** A few diminutives the generator may type instead of a formal name (the matcher has its own, larger map). */
const NICKNAMES: Record<string, string[]> = {
  william: ['Bill', 'Will'],
  robert: ['Bob', 'Rob'],
  richard: ['Rick', 'Dick'],
  james: ['Jim', 'Jimmy'],
  john: ['Jack', 'Johnny'],
  margaret: ['Maggie', 'Peggy'],
  elizabeth: ['Liz', 'Beth'],
  katherine: ['Kate', 'Kathy'],
  michael: ['Mike'],
  thomas: ['Tom'],
  joseph: ['Joe'],
  charles: ['Charlie'],
  edward: ['Ed', 'Ted'],
  anthony: ['Tony'],
  daniel: ['Dan', 'Danny'],
  david: ['Dave'],
  christopher: ['Chris'],
  patricia: ['Pat', 'Trish'],
  samuel: ['Sam'],
  benjamin: ['Ben'],
  nicholas: ['Nick'],
  matthew: ['Matt'],
  andrew: ['Andy'],
  jennifer: ['Jen', 'Jenny'],
  emmanuel: ['Manu'],
  nicolas: ['Nico'],
  sebastien: ['Seb'],
  francisco: ['Paco', 'Pancho'],
  jose: ['Pepe'],
  manuel: ['Manolo'],
  dolores: ['Lola'],
  ignacio: ['Nacho'],
  johannes: ['Hans'],
  friedrich: ['Fritz'],
};

main();
