import { seededRandom } from '@c360/kit/random';
import { placeDependence, runBatch, type BatchData } from './batch';
import {
  EMPTY,
  NORMALISED,
  TYPE_LEVELS,
  UNPARSEABLE,
  compareValues,
  normalizeValue,
  type FieldSpec,
  type NormalizeContext,
} from './fields';

/** The batch matcher on records built here (normalised keys), with strangers around them to fit u. */
const FIELDS: FieldSpec[] = [
  { name: 'given_name', type: 'name', role: 'given' },
  { name: 'family_name', type: 'name', role: 'family' },
  { name: 'date_of_birth', type: 'date' },
  { name: 'city', type: 'text' },
  { name: 'postcode', type: 'postcode' },
];

/** One file's rows (FIELDS' order, '' for empty) as the batch matcher's input. */
function batchOf(all: string[][]): BatchData {
  return {
    fields: FIELDS,
    n: all.length,
    keys: FIELDS.map((_, f) => all.map((r) => r[f]!)),
    states: FIELDS.map((_, f) => Uint8Array.from(all, (r) => (r[f] === '' ? EMPTY : NORMALISED))),
    source: new Uint8Array(all.length),
  };
}

function data(records: string[][]): BatchData {
  const rng = seededRandom(7);
  const pick = (list: string[]) => list[Math.floor(rng() * list.length)]!;
  const givens = [
    'anna',
    'bruno',
    'carla',
    'dmitri',
    'elena',
    'farid',
    'greta',
    'hugo',
    'ines',
    'jonas',
    'kofi',
    'lena',
  ];
  const families = ['moreau', 'novak', 'okafor', 'petit', 'quinn', 'rossi', 'silva', 'tanaka', 'ueda', 'vogel'];
  const towns = ['lyon', 'porto', 'graz', 'turku', 'ghent', 'bern', 'cork', 'brno'];
  const all = [...records];
  for (let i = 0; i < 400; i++) {
    const year = 1940 + Math.floor(rng() * 60);
    const town = Math.floor(rng() * towns.length);
    all.push([
      pick(givens),
      pick(families),
      `${year}0${1 + Math.floor(rng() * 9)}1${Math.floor(rng() * 9)}`,
      towns[town]!,
      `${1000 + town * 7}`,
    ]);
  }
  return batchOf(all);
}

const pairOf = (result: ReturnType<typeof runBatch>, a: number, b: number) => {
  for (let p = 0; p < result.pairCount; p++) {
    if ((result.left[p] === a && result.right[p] === b) || (result.left[p] === b && result.right[p] === a)) return p;
  }
  return -1;
};

describe('batch matcher', () => {
  it('does not chain two namesakes of one town through a record with a blank given name and date', () => {
    const records = [
      ['itzel', 'ward', '19670611', 'maple grove', '7342'],
      ['itzel', 'ward', '19670611', 'maple grove', '7342'],
      ['rosalia', 'ward', '19750302', 'maple grove', '7342'],
      ['rosalia', 'ward', '19750302', 'maple grove', '7342'],
      ['', 'ward', '', 'maple grove', '7342'],
    ];
    const result = runBatch(data(records), { threshold: 0.5 });
    // The weak record is linked to each of them on its own…
    for (const other of [0, 2]) {
      const p = pairOf(result, 4, other);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(result.matchWeight[p]).toBeGreaterThanOrEqual(result.thresholdWeight);
    }
    // …but the two people stay apart: the pairs across disagree on given name and date more than they agree.
    const c = result.clusterOf;
    expect([c[0], c[2], c[4]]).toEqual([c[1], c[3], c[0]]);
    expect(c[0]).not.toBe(c[2]);
    expect(result.refused).toBeGreaterThan(0);
  });

  it('links a duplicate whose given name and date were both mistyped when its national id agrees exactly', () => {
    // FEBRL's dataset3 has such duplicates: `emmet weller 19270516` and `madisoen welller 19341024`, one street,
    // town and national id. The guard against chaining namesakes must not count them as two people.
    const withId: FieldSpec[] = [...FIELDS, { name: 'national_id', type: 'identifier' }];
    const base = data([]);
    const records = [
      ['emmet', 'weller', '19270516', 'birmingham gardens', '4350', '6281502'],
      ['madison', 'weller', '19341024', 'birmingham gardens', '4350', '6281502'],
      ['emmet', 'dalgleish', '19270516', 'arbroath', '8611', '7001001'],
      ['madison', 'dalgleish', '19341024', 'arbroath', '8611', '7001002'],
    ];
    const strangers = Array.from({ length: base.n }, (_, i) => [
      ...FIELDS.map((_, f) => base.keys[f]![i]!),
      String(1_000_000 + i),
    ]);
    const all = [...records, ...strangers];
    const input: BatchData = {
      fields: withId,
      n: all.length,
      keys: withId.map((_, f) => all.map((r) => r[f]!)),
      states: withId.map((_, f) => Uint8Array.from(all, (r) => (r[f] === '' ? EMPTY : NORMALISED))),
      source: new Uint8Array(all.length),
    };
    const c = runBatch(input, { threshold: 0.5 }).clusterOf;
    expect(c[0]).toBe(c[1]);
    // The same two people with national ids of their own stay apart.
    expect(c[2]).not.toBe(c[3]);
  });

  it('counts a name moved into the other column, the other one missing or mistyped, as swapped', () => {
    const records = [
      ['jessica', 'adams', '19981123', 'florin', '4769'],
      ['', 'jessica', '19981123', 'florin', '4769'],
      ['fae', 'ceja', '19520325', 'ashburn', '4638'],
      ['ceja', 'phae', '19520325', 'ashburn', '4638'],
    ];
    const result = runBatch(data(records));
    const moved = result.levelsOf(pairOf(result, 0, 1));
    // The name found crosswise is `swapped`; the one only a side holds is missing.
    expect([moved[0], moved[1]].sort()).toEqual([-1, 1]);
    const mistyped = result.levelsOf(pairOf(result, 2, 3));
    expect([mistyped[0], mistyped[1]]).toEqual([1, 1]);
  });

  it('counts one name held by each side in different columns, the other columns empty, as swapped', () => {
    const records = [
      ['', 'gutmann', '19220607', 'round rock', '5948'],
      ['gutmann', '', '', 'round rock', '5948'],
    ];
    const result = runBatch(data(records));
    const moved = result.levelsOf(pairOf(result, 0, 1));
    expect([moved[0], moved[1]]).toEqual([-1, 1]);
  });

  it('counts names swapped as swapped when a scanning slip changed one of them', () => {
    const records = [
      ['macey', 'engelmann', '19971011', 'westport', '4351'],
      ['engelmann', 'rnaecey', '19971211', 'westport', '4351'],
      ['gianpiero', 'marx', '19720902', 'rockland', '6615'],
      ['rnarx', 'gianpiero', '19270902', 'rockland', '6615'],
    ];
    const result = runBatch(data(records));
    for (const [a, b] of [
      [0, 1],
      [2, 3],
    ] as const) {
      const levels = result.levelsOf(pairOf(result, a, b));
      expect([levels[0], levels[1]]).toEqual([1, 1]);
    }
  });

  it('counts names swapped as swapped when a typo hit the first letters of one of them', () => {
    const records = [
      ['ursule', 'gasparini', '20040419', 'newton', '4335'],
      ['egasparini', 'ursule', '20040419', 'newton', '4335'],
      ['barrett', 'brinkmann', '19610305', 'fargo', '4351'],
      ['brinkmann', 'abrrett', '19610305', 'fargo', '4351'],
    ];
    const result = runBatch(data(records));
    for (const [a, b] of [
      [0, 1],
      [2, 3],
    ] as const) {
      const levels = result.levelsOf(pairOf(result, a, b));
      expect([levels[0], levels[1]]).toEqual([1, 1]);
    }
  });

  it('compares a given name written in the family column, the given column empty, with a wrong date and postcode', () => {
    const records = [
      ['devon', 'iandolo', '19340804', 'richland', '5602'],
      ['', 'devon', '19330804', 'richland', '5620'],
    ];
    const result = runBatch(data(records));
    // Only the town and one of the names agree: the sound of either name column with the town proposes the pair.
    expect(pairOf(result, 0, 1)).toBeGreaterThanOrEqual(0);
    const rule = result.rules.find((r) => r.rule === 'either name sound+city');
    expect(rule?.pairs).toBeGreaterThan(0);
  });

  it('proposes a pair whose day and month were swapped, by a name and the month and day in either order', () => {
    // The family name mistyped in its first letters, the day and month swapped, the town blank on one side: no
    // key but the given name's sound with the month and day, read in either order, joins them.
    const records = [
      ['greta', 'onvak', '19610302', '', ''],
      ['greta', 'novak', '19610203', 'bern', '1035'],
    ];
    const result = runBatch(data(records));
    expect(pairOf(result, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(result.rules.find((r) => r.rule === 'given sound+month/day')?.pairs).toBeGreaterThan(0);
  });

  it('proposes a pair that shares only a street and the first letter of one name, the other name blank', () => {
    const fields: FieldSpec[] = [...FIELDS.slice(0, 3), { name: 'street', type: 'address' }, ...FIELDS.slice(3)];
    const rng = seededRandom(11);
    const pick = (list: string[]) => list[Math.floor(rng() * list.length)]!;
    const streets = ['mill lane', 'high street', 'station road', 'church walk', 'park avenue', 'kings way'];
    const rows = [
      ['amna', '', '', 'ash grove parade', '', ''],
      ['anna', 'moreau', '19700101', 'ash grove parade', 'lyon', '1000'],
      ...Array.from({ length: 400 }, () => [
        pick(['bruno', 'carla', 'elena', 'hugo', 'ines', 'lena']),
        pick(['novak', 'okafor', 'petit', 'quinn', 'silva']),
        `19${50 + Math.floor(rng() * 40)}0${1 + Math.floor(rng() * 9)}1${Math.floor(rng() * 9)}`,
        pick(streets),
        pick(['graz', 'turku', 'ghent']),
        `${2000 + Math.floor(rng() * 30)}`,
      ]),
    ];
    const input: BatchData = {
      fields,
      n: rows.length,
      keys: fields.map((_, f) => rows.map((r) => r[f]!)),
      states: fields.map((_, f) => Uint8Array.from(rows, (r) => (r[f] === '' ? EMPTY : NORMALISED))),
      source: new Uint8Array(rows.length),
    };
    const result = runBatch(input);
    // The given names differ in sound (a typo), the family name and the date are blank on one side.
    expect(pairOf(result, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(result.rules.find((r) => r.rule === 'street+either initial')?.pairs).toBeGreaterThan(0);
  });

  /** Records of one family name, each in its own place and with its own date: a name frequent in the file. */
  const family = (name: string, count: number, year: number) =>
    Array.from({ length: count }, (_, i) => ['ines', name, `${year + i}0412`, `town${i}`, `${5000 + i}`]);

  it('weighs agreement on a common family name less than on a rare one, spelled alike as well as exactly', () => {
    const records = [
      ['greta', 'novak', '19610203', 'oslo', '9100'],
      ['greta', 'novak', '19610203', 'oslo', '9100'],
      ['greta', 'zielinski', '19610203', 'oslo', '9100'],
      ['greta', 'zielinski', '19610203', 'oslo', '9100'],
      ['hugo', 'novakk', '19720305', 'oslo', '9100'],
      ['hugo', 'novak', '19720305', 'oslo', '9100'],
      ['hugo', 'zielinsky', '19720305', 'oslo', '9100'],
      ['hugo', 'zielinski', '19720305', 'oslo', '9100'],
      ...family('novak', 60, 1900),
    ];
    const result = runBatch(data(records));
    const familyWeight = (a: number, b: number) => result.contributions(pairOf(result, a, b))[1]!;
    const levels = (a: number, b: number) => result.levelsOf(pairOf(result, a, b))[1];
    // `novak` is held by a hundred records of about five hundred, `zielinski` by four.
    expect([levels(0, 1), levels(2, 3)]).toEqual([0, 0]);
    expect(familyWeight(0, 1)).toBeLessThan(familyWeight(2, 3));
    expect([levels(4, 5), levels(6, 7)]).toEqual([2, 2]);
    expect(familyWeight(4, 5)).toBeLessThan(familyWeight(6, 7));
  });

  it('keeps apart two frequent family names one edit apart, but not a typo of a frequent name', () => {
    const records = [
      ['noah', 'clark', '19851219', 'olathe', '6632'],
      ['noa', 'clarke', '', 'olathe', '6632'],
      ['lena', 'clark', '19590521', 'olathe', '6632'],
      ['lena', 'clarkk', '19590521', 'olathe', '6632'],
      ...family('clark', 8, 1940),
      ...family('clarke', 8, 1950),
    ];
    // Strangers only around them: EM has next to no matches to learn m from, hence a threshold given.
    const result = runBatch(data(records), { threshold: 0.9 });
    const levels = (a: number, b: number) => result.levelsOf(pairOf(result, a, b))[1];
    // `clark` and `clarke` are each seen in nine places and never on records of one date: two names.
    expect(levels(0, 1)).toBe(8);
    expect(result.clusterOf[0]).not.toBe(result.clusterOf[1]);
    // `clarkk` is seen once, on the date of a `clark`: a typo, one edit.
    expect(levels(2, 3)).toBe(2);
    expect(result.clusterOf[2]).toBe(result.clusterOf[3]);
  });

  /**
   * People of made-up names in 40 towns, half of them with a second record (given name or date sometimes
   * blank); each town with its own postcode, or postcodes drawn apart from towns.
   */
  const towns = (records: string[][], tied: boolean): BatchData => {
    const rng = seededRandom(11);
    const int = (k: number) => Math.floor(rng() * k);
    const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'bo', 'da', 'fe'];
    const word = () => Array.from({ length: 3 }, () => syllables[int(syllables.length)]).join('');
    const all = [...records];
    for (let i = 0; i < 600; i++) {
      const town = int(40);
      const date = `${1930 + int(70)}${String(1 + int(12)).padStart(2, '0')}${String(1 + int(28)).padStart(2, '0')}`;
      const row = [word(), word(), date, `town${town}`, `${1000 + (tied ? town : int(40))}`];
      all.push(row);
      if (rng() < 0.5) all.push([rng() < 0.3 ? '' : row[0]!, row[1]!, rng() < 0.3 ? '' : date, row[3]!, row[4]!]);
    }
    return batchOf(all);
  };

  it('measures how much more often strangers agree on a town and its postcode together than apart', () => {
    const grouped = FIELDS.map((f) => f.type === 'text' || f.type === 'postcode');
    const tf = FIELDS.map(() => new Int32Array(0));
    const [city, postcode] = [3, 4];
    const measured = (tied: boolean) => {
      const place = placeDependence(towns([], tied), 'dedupe', grouped, tf);
      const both = place.bit[city]! | place.bit[postcode]!;
      // A second record for half of the people: about 600 matching pairs, agreeing on town and postcode.
      return place.measure(600, [0.9, 0.9, 0.9, 1, 1])[both]!;
    };
    // One postcode per town: agreeing on both is as frequent as on either (1 in 40), not 1 in 1600.
    expect(measured(true)).toBeGreaterThan(4.5);
    expect(measured(true)).toBeLessThan(6);
    // Drawn apart: no dependence.
    expect(measured(false)).toBeLessThan(0.5);
  });

  /** A made-up town name per town number, two syllables apart from any other; `typo` changes its first letter. */
  const townName = (k: number) =>
    `${['ka', 'lo', 'mi', 'ne', 'ru'][k % 5]}${['st', 'rk', 'pl', 'nd', 'gh', 'mb', 'tz', 'wy'][k % 8]}burg`;
  const typo = (town: string) => `x${town.slice(1)}`;
  /** `towns` with made-up town names, one record in ten carrying its town one letter off. */
  const typoTowns = (records: string[][], tied: boolean): BatchData => {
    const data = towns(records, tied);
    const rng = seededRandom(5);
    const city = data.keys[3]!;
    for (let i = records.length; i < data.n; i++) {
      city[i] = townName(Number(city[i]!.slice(4)));
      if (rng() < 0.1) city[i] = typo(city[i]!);
    }
    return data;
  };
  /** Levels of the town and postcode fields, the others left missing. */
  const placeLevels = (data: BatchData) => (a: number, b: number, out: Int8Array) => {
    out.fill(-1);
    for (const f of [3, 4]) {
      const [x, y] = [data.keys[f]![a]!, data.keys[f]![b]!];
      if (x !== '' && y !== '') out[f] = compareValues(FIELDS[f]!.type, x, y, NORMALISED, NORMALISED);
    }
    return out;
  };

  it('measures how much more often strangers of one postcode write their towns one letter apart', () => {
    const grouped = FIELDS.map((f) => f.type === 'text' || f.type === 'postcode');
    const tf = FIELDS.map(() => new Int32Array(0));
    const [city, postcode] = [3, 4];
    const levelCount = FIELDS.map((f) => TYPE_LEVELS[f.type].length);
    const oneEdit = 1;
    const measured = (tied: boolean) => {
      const data = typoTowns([], tied);
      const place = placeDependence(data, 'dedupe', grouped, tf, {
        compare: placeLevels(data),
        levelCount,
        rng: seededRandom(3),
      });
      // u: the levels of random pairs of records.
      const u = levelCount.map((l) => new Array<number>(l).fill(0));
      const out = new Int8Array(FIELDS.length);
      const compare = placeLevels(data);
      const rng = seededRandom(4);
      for (let s = 0; s < 50_000; s++) {
        const [a, b] = [Math.floor(rng() * data.n), Math.floor(rng() * data.n)];
        if (a !== b) for (const f of [city, postcode]) u[f]![compare(a, b, out)[f]!]!++;
      }
      for (const f of [city, postcode]) {
        const total = u[f]!.reduce((x, y) => x + y, 0);
        u[f] = u[f]!.map((c) => c / total);
      }
      // m: a second record keeps the town, one letter off when either record carries a typo (about 0.18).
      const m = levelCount.map((l) =>
        Array.from({ length: l }, (_, i) => (i === 0 ? 0.8 : i === oneEdit ? 0.18 : 0.02 / (l - 2))),
      );
      return place.measureNear(600, m, u)[place.nearIndex(postcode, city, oneEdit)]!;
    };
    // One postcode per town: beside the same postcode, a town one letter off is a typo of the one town.
    expect(measured(true)).toBeGreaterThan(2);
    // Drawn apart: no more frequent than among any two records.
    expect(measured(false)).toBeLessThan(0.5);
  });

  it('counts a town one letter off beside the same postcode as no further fact where each town has its own postcode', () => {
    // Two strangers of one (rare) family name in one town: no given name or date in common.
    const records = [
      ['anna', 'zorbak', '19500101', townName(3), '1003'],
      ['kofi', 'zorbak', '', typo(townName(3)), '1003'],
      ['kofi', 'zorbak', '', '', '1003'],
    ];
    const result = runBatch(typoTowns(records, true), { randomPairs: 20_000 });
    const weight = (a: number, b: number) => result.matchWeight[pairOf(result, a, b)]!;
    expect(result.levelsOf(pairOf(result, 0, 1))[3]).toBe(1);
    expect(weight(0, 1) - weight(0, 2)).toBeLessThan(0.5);
    expect(result.clusterOf[0]).not.toBe(result.clusterOf[1]);
  });

  it('leaves the place fields out of the EM of the blocking rules that block on a place', () => {
    const result = runBatch(towns([], true), { randomPairs: 20_000 });
    const byPlace = result.rules.map((r) => r.rule).filter((r) => /postcode|city|street/.test(r));
    expect(byPlace.length).toBeGreaterThan(0);
    for (const field of ['city', 'postcode']) {
      const estimatedBy = result.parameters.find((p) => p.field === field)!.estimatedBy;
      expect(estimatedBy.length).toBeGreaterThan(0);
      expect(estimatedBy.filter((r) => byPlace.includes(r))).toEqual([]);
    }
  });

  it('counts a town and its postcode as one fact where each town has its own postcode', () => {
    // Two strangers of one (rare) family name in one town: no given name or date in common.
    const records = [
      ['anna', 'zorbak', '19500101', 'town3', '1003'],
      ['kofi', 'zorbak', '', 'town3', '1003'],
      ['kofi', 'zorbak', '', '', '1003'],
    ];
    const weights = (tied: boolean) => {
      const result = runBatch(towns(records, tied), { randomPairs: 20_000 });
      const weight = (a: number, b: number) => result.matchWeight[pairOf(result, a, b)]!;
      expect(result.clusterOf[0]).not.toBe(result.clusterOf[1]);
      return { both: weight(0, 1), postcodeOnly: weight(0, 2), town: result.contributions(pairOf(result, 0, 1))[3]! };
    };
    // The town adds nothing once the postcode agrees: it tells nothing more about who lives there…
    const tied = weights(true);
    expect(tied.both - tied.postcodeOnly).toBeLessThan(0.5);
    // …unless the file shows the two vary apart, when it counts as a further agreement, in full.
    const apart = weights(false);
    expect(apart.both - apart.postcodeOnly).toBeGreaterThan(2);
    expect(apart.both - apart.postcodeOnly).toBeGreaterThan(apart.town - 0.5);
  });
});

describe('date levels', () => {
  const level = (a: string, b: string) => TYPE_LEVELS.date[compareValues('date', a, b, NORMALISED, NORMALISED)];

  it('tells dates a run of typos explains from dates no typo explains', () => {
    expect(level('19820718', '19820781')).toBe('one_digit');
    expect(level('19820718', '19280718')).toBe('one_digit');
    expect(level('19820718', '19830719')).toBe('two_digits');
    // Two digits swapped and two changed: three edits.
    expect(level('19820718', '19280729')).toBe('three_digits');
    expect(level('19820718', '19451203')).toBe('different');
  });

  it('finds day and month swapped when the swap made the date impossible', () => {
    // Any day after the 12th becomes a month that does not parse: the value is kept as its digits.
    const ctx: NormalizeContext = { dateOrder: 'DMY', defaultRegion: 'FR' };
    const [swapped, swappedState] = normalizeValue('date', '19881705', ctx);
    const [right, rightState] = normalizeValue('date', '17/05/1988', ctx);
    expect([swapped, swappedState, right, rightState]).toEqual(['19881705', UNPARSEABLE, '19880517', NORMALISED]);
    const levels = TYPE_LEVELS.date;
    expect(levels[compareValues('date', swapped, right, swappedState, rightState)]).toBe('day_month_swapped');
    expect(levels[compareValues('date', right, swapped, rightState, swappedState)]).toBe('day_month_swapped');
    // Not when the years differ, nor for text that is no date.
    expect(levels[compareValues('date', '19891705', right, UNPARSEABLE, NORMALISED)]).not.toBe('day_month_swapped');
    expect(levels[compareValues('date', 'abcd0517', 'abcd1705', UNPARSEABLE, UNPARSEABLE)]).not.toBe(
      'day_month_swapped',
    );
  });
});
