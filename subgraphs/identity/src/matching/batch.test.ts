import { seededRandom } from '@c360/kit/random';
import { runBatch, type BatchData } from './batch';
import { EMPTY, NORMALISED, type FieldSpec } from './fields';

/** The batch matcher on records built here (normalised keys), with strangers around them to fit u. */
const FIELDS: FieldSpec[] = [
  { name: 'given_name', type: 'name', role: 'given' },
  { name: 'family_name', type: 'name', role: 'family' },
  { name: 'date_of_birth', type: 'date' },
  { name: 'city', type: 'text' },
  { name: 'postcode', type: 'postcode' },
];

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
  return {
    fields: FIELDS,
    n: all.length,
    keys: FIELDS.map((_, f) => all.map((r) => r[f]!)),
    states: FIELDS.map((_, f) => Uint8Array.from(all, (r) => (r[f] === '' ? EMPTY : NORMALISED))),
    source: new Uint8Array(all.length),
  };
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
});
