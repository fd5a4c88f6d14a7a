import { COMPARISONS, COMPARISON_COUNT, MISSING } from './comparisons';
import { DEFAULT_THRESHOLDS, decide, linkRecords, scorePair } from './engine';
import { MatchModel } from './model';
import { decodePattern, encodePattern } from './patterns';
import { records } from './testing';

const defaults = MatchModel.defaults();
const weight = (comparison: string, level: string) => {
  const c = COMPARISONS.findIndex((s) => s.name === comparison);
  return defaults.weight(c, COMPARISONS[c]!.levels.indexOf(level));
};

const jean = {
  given_name: 'Jean',
  family_name: 'Dupont',
  date_of_birth: '1980-03-12',
  email: 'jean.dupont@gmail.com',
  phone: '06 12 34 56 78',
  street: '12 rue de la Paix',
  city: 'Paris',
  postcode: '75002',
  country: 'FR',
};

describe('MatchModel', () => {
  it('weighs each level log2(m/u), a missing comparison 0, and sums the weights', () => {
    const given = COMPARISONS.findIndex((c) => c.name === 'given_name');
    expect(defaults.weight(given, 0)).toBeCloseTo(Math.log2(0.8 / 0.02), 12);
    expect(defaults.weight(given, MISSING)).toBe(0);
    const levels = new Int8Array(COMPARISON_COUNT).fill(MISSING);
    levels[given] = 0;
    levels[COMPARISONS.findIndex((c) => c.name === 'date_of_birth')] = 3;
    expect(defaults.score(levels)).toBeCloseTo(
      weight('given_name', 'exact') + weight('date_of_birth', 'different'),
      12,
    );
  });

  it('turns a score into a probability with lambda', () => {
    expect(defaults.probability(Math.log2(9))).toBeCloseTo(0.5, 12); // prior odds 1:9, likelihood ratio 9
    expect(defaults.probability(40)).toBeCloseTo(1, 9);
  });

  it('round-trips through JSON and fills comparisons left out with the defaults', () => {
    const json = defaults.toJSON();
    expect(MatchModel.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
    const partial = MatchModel.fromJSON({ lambda: 0.2, comparisons: { country: json.comparisons.country } });
    expect(partial.toJSON()).toEqual({ ...json, lambda: 0.2 });
  });

  it('refuses a model with unknown comparisons, missing levels or probabilities out of range', () => {
    expect(() => MatchModel.fromJSON({ lambda: 0.1, comparisons: { shoe_size: {} } })).toThrow(
      'Invalid match model: unknown comparison shoe_size; expected some of given_name, family_name',
    );
    expect(() => MatchModel.fromJSON({ lambda: 0.1, comparisons: { country: { exact: { m: 0.9, u: 0.5 } } } })).toThrow(
      'Invalid match model: expected country to list levels exact, different, received exact',
    );
    expect(() => MatchModel.fromJSON({ lambda: 1.5, comparisons: {} })).toThrow('lambda: Number must be less than 1');
    expect(() =>
      MatchModel.fromJSON({
        lambda: 0.1,
        comparisons: { country: { exact: { m: 0.9, u: 0.5 }, different: { m: 0.9, u: 0.5 } } },
      }),
    ).toThrow('MatchModel: expected m of country to be 2 probabilities in (0, 1) summing to 1, received [0.9, 0.9]');
  });

  it('encodes a comparison vector in one number and back', () => {
    const levels = Int8Array.from(COMPARISONS, (c, i) => (i % 3 === 0 ? MISSING : c.levels.length - 1));
    expect(Array.from(decodePattern(encodePattern(levels)))).toEqual(Array.from(levels));
  });
});

describe('decide', () => {
  it('links from the upper threshold, reviews from the lower one, and a guard caps at review', () => {
    const t = { upper: 10, lower: 4 };
    expect([decide(10, t), decide(9.99, t), decide(4, t), decide(3.99, t)]).toEqual([
      'link',
      'review',
      'review',
      'non-link',
    ]);
    expect(decide(50, t, true)).toBe('review');
  });
});

describe('scorePair', () => {
  it('explains a score: one line per comparison whose weights add up to it', () => {
    const [a, b] = records(jean, { ...jean, given_name: 'DUPONT', family_name: 'jean', email: 'jd@free.fr' });
    const pair = scorePair(a!, b!);
    expect(pair.breakdown.map((l) => [l.comparison, l.level])).toEqual([
      ['given_name', 'swapped'],
      ['family_name', 'swapped'],
      ['full_name', 'missing'],
      ['date_of_birth', 'exact'],
      ['email', 'different'],
      ['phone', 'exact'],
      ['address', 'exact'],
      ['country', 'exact'],
      ['loyalty_card', 'missing'],
      ['device', 'missing'],
      ['cookie', 'missing'],
    ]);
    expect(pair.score).toBeCloseTo(
      pair.breakdown.reduce((s, l) => s + l.weight, 0),
      12,
    );
    expect(pair.breakdown[0]).toEqual({
      comparison: 'given_name',
      attributes: ['given_name'],
      level: 'swapped',
      weight: weight('given_name', 'swapped'),
      m: 0.01,
      u: 0.0005,
    });
    expect(pair).toMatchObject({ decision: 'link', guards: [] });
  });

  it('sends two people of one household to review however high their score', () => {
    const [a, b] = records(jean, {
      ...jean,
      given_name: 'Claire',
      date_of_birth: '1982-06-14',
      email: 'claire.dupont@gmail.com',
    });
    const pair = scorePair(a!, b!);
    expect(pair.score).toBeGreaterThan(DEFAULT_THRESHOLDS.upper);
    expect(pair).toMatchObject({ decision: 'review', guards: ['given_name=different', 'date_of_birth=different'] });
    expect(scorePair(a!, b!, defaults, DEFAULT_THRESHOLDS, []).decision).toBe('link');
  });
});

describe('linkRecords', () => {
  const people = records(
    jean,
    { ...jean, email: 'jean.dupont@free.fr', phone: '', street: '3 rue Gaillon' }, // new email, moved next door
    { ...jean, given_name: 'Jehan', family_name: 'Dupond', date_of_birth: '1981-03-12' }, // typos, same contacts
    { given_name: 'Claire', family_name: 'Moreau', date_of_birth: '1990-01-01', email: 'claire@moreau.fr' },
    { given_name: 'Claire', family_name: 'Moreau', date_of_birth: '1990-01-01', email: 'claire@moreau.fr' },
    { given_name: 'Paul', family_name: 'Martin', date_of_birth: '1970-07-07' },
  );

  it('clusters linked records, keeps the others alone, and scores each record by its best pair', () => {
    const result = linkRecords(people, { estimate: 'never' });
    expect(Array.from(result.clusters.clusterOf)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(result.links).toBe(4);
    expect(result.reviews).toBe(0);
    expect(result.estimation).toBeNull();
    expect(result.estimationSkipped).toBe('estimation turned off');
    const best = (i: number, j: number) => scorePair(people[i]!, people[j]!).score;
    expect(result.bestScore[0]).toBeCloseTo(Math.max(best(0, 1), best(0, 2)), 12);
    expect(result.bestScore[3]).toBeCloseTo(best(3, 4), 12);
    expect(result.bestScore[5]).toBeNaN();
  });

  it('raises the thresholds and the links give way to reviews', () => {
    const result = linkRecords(people, { estimate: 'never', thresholds: { upper: 100, lower: 4 } });
    expect(result.clusters.count).toBe(6);
    expect(result.links).toBe(0);
    expect(result.reviews).toBe(4);
    expect(result.reviewPairs().map((p) => result.pair(p).decision)).toEqual(['review', 'review', 'review', 'review']);
  });

  it('estimates with EM only from enough pairs in auto mode', () => {
    expect(linkRecords(people).estimationSkipped).toBe('4 candidate pairs, fewer than the 1000 needed to estimate');
    const forced = linkRecords(people, { estimate: 'always', em: { maxIterations: 5 } });
    expect(forced.estimation).toMatchObject({ iterations: 5 });
  });

  it('links only across sources in link mode', () => {
    const linked = records({ ...jean, source: 0 }, { ...jean, source: 0 }, { ...jean, source: 1 });
    const result = linkRecords(linked, { mode: 'link', estimate: 'never' });
    expect(result.pairCount).toBe(2);
    expect([result.pair(0), result.pair(1)].map((p) => [p.left.index, p.right.index])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(Array.from(result.clusters.clusterOf)).toEqual([0, 0, 0]);
  });

  it('refuses bad thresholds, unknown guards and misnumbered records', () => {
    expect(() => linkRecords(people, { thresholds: { upper: 1, lower: 2 } })).toThrow(
      'Expected finite thresholds with lower ≤ upper, received lower 2 and upper 1',
    );
    expect(() => linkRecords(people, { guards: [{ comparison: 'email', level: 'nope' }] })).toThrow(
      'Unknown guard email=nope',
    );
    expect(() => linkRecords([people[1]!])).toThrow('linkRecords: expected records[0].index to be 0, received 1');
  });
});
